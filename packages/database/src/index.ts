import { defineServer } from '@toolbridge/core';
import pkg from '../package.json' with { type: 'json' };
import { settingsSchema } from './config/settings.js';
import { prompts } from './prompts.js';
import { resources } from './resources.js';
import { services } from './services.js';
import { describeSources, startDatabase } from './start.js';
import { tools } from './tools/index.js';

export const server = defineServer({
  name: 'toolbridge-database',
  version: pkg.version,
  title: 'toolbridge database',
  description: 'MCP server for PostgreSQL, MySQL/MariaDB and SQLite: read-only by default and safe by construction.',
  instructions: ({ context }) =>
    [
      "SQL databases. Start with db_list_tables / db_describe_table (or the db://{source}/schema resource), then query with db_query: one read statement per call, in the source's dialect, with max_rows as small as the question allows.",
      'Refusals name the rule that refused; rewrite the query rather than retrying it.',
      'Sources:',
      describeSources(context),
    ].join('\n'),
  tools,
  resources,
  prompts,
  services,
  toolsets: { database: { description: 'Queries, schema browsing, plans and (when writable) writes', default: true } },
  settings: {
    key: 'database',
    schema: settingsSchema,
    env: {
      DB_POOL_SIZE: { path: 'poolSize', kind: 'number' },
    },
    // They were in core's security section before the database server had its own.
    moved: {
      'security.readOnly': 'database.readOnly',
      'security.allowedTables': 'database.allowedTables',
      'security.deniedTables': 'database.deniedTables',
    },
  },
  envPrefix: 'DATABASE',
  flags: {
    dsn: {
      type: 'string',
      value: '<url>',
      description: 'Database URL: postgres://, mysql://, mariadb://, sqlite:path',
      configPath: 'database.dsn',
      env: 'DATABASE_URL',
    },
    demo: {
      type: 'boolean',
      description: 'Open the bundled SQLite demo database (when no DSN is given)',
      configPath: 'database.demo',
      env: 'DATABASE_DEMO',
    },
  },
  secretEnv: ['DATABASE_URL'],
  upstream: { service: 'the database', credential: 'the credentials in DATABASE_URL' },
  // Drivers talk to databases over their own protocols; nothing here sends HTTP.
  http: false,
  envHelp: [
    'DATABASE_URL    postgres://user@host/db (password after "user:"), mysql://..., mariadb://..., sqlite:///abs.db, sqlite:rel.db, sqlite::memory:',
    '                (sslmode=require|verify-ca|verify-full and sslrootcert=<file> are honoured)',
    'DB_POOL_SIZE    connections per source (default 5)',
    'TOOLBRIDGE_CONFIG  JSON config: "database": { "sources": [...], "readOnly", "allowedTables", "deniedTables", "readRole" }',
  ],
  start: (context) => startDatabase(context),
});
