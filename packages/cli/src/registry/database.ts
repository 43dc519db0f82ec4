import { read } from './identity.js';
import type { IdentityProbe, ServerEntry } from './types.js';

/** The first source the server's instructions list ("- default: postgres, read-only"): the one tools use by default. */
function defaultSource(instructions: string): { id: string; dialect: string; readOnly: boolean } | undefined {
  const match = /^- ([^:\n]+): (\w+)(, read-only)?/m.exec(instructions);
  return match ? { id: match[1]!, dialect: match[2]!, readOnly: Boolean(match[3]) } : undefined;
}

const PRIVILEGE_WARNING = /^Warning: source (\S+) connects with a privileged role \((.+)\);/gm;

/** The privilege warnings the server gave (superuser, FILE, ...), each once. */
function privilegeWarnings(said: string) {
  const messages = new Set([...said.matchAll(PRIVILEGE_WARNING)].map(([, source, what]) => `source ${source} connects with a privileged role: ${what}`));
  return [...messages].map((message) => ({
    message,
    fix: 'Connect with a least-privilege read-only role (the "A least-privilege role" section of the @toolbridge/database README shows one).',
  }));
}

/** The role reads run as, when the server switches to a least-privilege one ("queries run as the role ..."). */
const readRole = (said: string) => /queries run as the role (\S+) \(SET LOCAL ROLE\)/.exec(said)?.[1];

async function roleName(probe: IdentityProbe, dialect: string): Promise<string | undefined> {
  // The account the DSN logs in as: PostgreSQL's session_user (current_user is the read role the server
  // switches to); MySQL/MariaDB's current_user (user@host).
  const sql = dialect === 'postgres' ? 'SELECT session_user AS role' : 'SELECT current_user AS role';
  const result = await read(probe, { tool: 'db_query', args: { sql, max_rows: 1 } });
  const rows = result.rows as unknown[][] | undefined;
  const value = rows?.[0]?.[0];
  return typeof value === 'string' ? value : undefined;
}

export const database: ServerEntry = {
  id: 'database',
  title: 'SQL database',
  package: '@toolbridge/database',
  bin: 'toolbridge-database',
  summary: 'PostgreSQL, MySQL/MariaDB and SQLite, read-only by default',
  variables: [
    {
      name: 'DATABASE_URL',
      secret: true,
      description: 'the database URL (postgres://, mysql://, mariadb:// or sqlite:path)',
      howToGet: 'use a least-privilege read-only role, e.g. postgres://mcp_reader:secret@db.internal:5432/app',
    },
  ],
  requires: ['DATABASE_URL'],
  toolsets: { database: { description: 'Queries, schema browsing, plans and (when writable) writes', default: true } },
  identity: {
    tool: 'db_query',
    async read(probe) {
      // The role check runs once the server is up: its findings come in the instructions when an earlier
      // launch made them, else with the first query's result.
      const first = await read(probe, { tool: 'db_query', args: { sql: 'SELECT 1', max_rows: 1 } });
      const said = typeof first.role_notice === 'string' ? `${probe.instructions}\n${first.role_notice}` : probe.instructions;
      const source = defaultSource(probe.instructions);
      const role = source && source.dialect !== 'sqlite' ? await roleName(probe, source.dialect) : undefined;
      const readsAs = readRole(said);
      const where = source
        ? `${source.dialect}, source ${source.id}${source.readOnly ? ', read-only' : ', writable'}${readsAs ? `, reads as ${readsAs}` : ''}`
        : 'connected';
      return { identity: role ? `${role} (${where})` : where, warnings: privilegeWarnings(said) };
    },
  },
  suggested: ({ env }) => Boolean(env.DATABASE_URL),
};
