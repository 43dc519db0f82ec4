import type { PoolClient } from 'pg';

const RISKY_ROLES: Record<string, string> = {
  pg_read_server_files: 'can read any file on the database server',
  pg_write_server_files: 'can write files on the database server',
  pg_execute_server_program: 'can run programs on the database server',
  pg_signal_backend: 'can cancel or terminate other sessions',
};

/** What the connected role can do beyond reading, in plain words. */
export async function postgresPrivilegeWarnings(client: PoolClient): Promise<string[]> {
  const role = await client.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(
    'SELECT rolname, rolsuper, rolcreaterole, rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  const memberships = await client.query<{ rolname: string }>({
    text: "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1) AND pg_has_role(current_user, oid, 'MEMBER')",
    values: [Object.keys(RISKY_ROLES)],
  });
  const me = role.rows[0];
  const warnings: string[] = [];
  if (me?.rolsuper) return [`role "${me.rolname}" is a SUPERUSER: it can read and write files, run programs and bypass every permission`];
  if (me?.rolcreaterole) warnings.push(`role "${me.rolname}" has CREATEROLE`);
  if (me?.rolbypassrls) warnings.push(`role "${me.rolname}" bypasses row-level security`);
  for (const { rolname } of memberships.rows) warnings.push(`role is a member of ${rolname}: it ${RISKY_ROLES[rolname]}`);
  return warnings;
}
