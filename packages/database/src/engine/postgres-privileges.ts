import { ConfigError } from '@toolbridge/core';
import type { PoolClient } from 'pg';
import type { RoleReport } from './types.js';

const RISKY_ROLES: Record<string, string> = {
  pg_read_server_files: 'can read any file on the database server',
  pg_write_server_files: 'can write files on the database server',
  pg_execute_server_program: 'can run programs on the database server',
  pg_signal_backend: 'can cancel or terminate other sessions',
};

/** PostgreSQL 14's predefined role that reads every table and view and nothing more. */
export const READ_ALL_DATA = 'pg_read_all_data';

export const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** What the connected role can do beyond reading, in plain words. */
async function privilegeWarnings(client: PoolClient): Promise<{ warnings: string[]; superuser: boolean }> {
  const role = await client.query<{ rolname: string; rolsuper: boolean; rolcreaterole: boolean; rolbypassrls: boolean }>(
    'SELECT rolname, rolsuper, rolcreaterole, rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user',
  );
  const memberships = await client.query<{ rolname: string }>({
    text: "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1) AND pg_has_role(current_user, oid, 'MEMBER')",
    values: [Object.keys(RISKY_ROLES)],
  });
  const me = role.rows[0];
  if (me?.rolsuper) {
    return { warnings: [`role "${me.rolname}" is a SUPERUSER: it can read and write files, run programs and bypass every permission`], superuser: true };
  }
  const warnings: string[] = [];
  if (me?.rolcreaterole) warnings.push(`role "${me.rolname}" has CREATEROLE`);
  if (me?.rolbypassrls) warnings.push(`role "${me.rolname}" bypasses row-level security`);
  for (const { rolname } of memberships.rows) warnings.push(`role is a member of ${rolname}: it ${RISKY_ROLES[rolname]}`);
  return { warnings, superuser: false };
}

/** Whether the connected role may SET ROLE to `role` (a superuser may take any role; others only their own). */
async function canBecome(client: PoolClient, role: string): Promise<boolean> {
  const { rows } = await client.query<{ can: boolean | null }>({
    text: `SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = $1) THEN NULL
                  ELSE (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) OR pg_catalog.pg_has_role(current_user, $1, 'MEMBER') END AS can`,
    values: [role],
  });
  return rows[0]?.can === true;
}

/**
 * The connected role's extra privileges, and the role reads run as: the configured `readRole`, or
 * pg_read_all_data when the role can do more than read and may take that role (a superuser always may).
 * Under that role the server itself refuses file access, programs and the like, whatever calls them.
 */
export async function postgresRole(client: PoolClient, configured: string | undefined): Promise<RoleReport> {
  const { warnings } = await privilegeWarnings(client);
  if (configured !== undefined) {
    if (!(await canBecome(client, configured))) {
      throw new ConfigError('database.readRole', `the connected role cannot SET ROLE ${configured} (no such role, or not a member of it)`, {
        hint: `Create it and grant it to the connected role: CREATE ROLE ${configured} NOLOGIN; GRANT ${READ_ALL_DATA} TO ${configured}; GRANT ${configured} TO <the DSN's role>.`,
      });
    }
    return { warnings, readRole: configured };
  }
  if (warnings.length && (await canBecome(client, READ_ALL_DATA))) return { warnings, readRole: READ_ALL_DATA };
  return { warnings };
}
