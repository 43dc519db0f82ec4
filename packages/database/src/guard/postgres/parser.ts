import { type Mode, refuseAs } from '../rules.js';

/** One node of libpg-query's JSON tree: `{ TypeName: { ...fields } }`, lists are arrays. */
export type PgNode = Record<string, unknown>;

type LibPgQuery = typeof import('libpg-query');

let loading: Promise<LibPgQuery> | undefined;

/** Loads PostgreSQL's parser (WASM) on first use only, once per process. */
function libpgQuery(): Promise<LibPgQuery> {
  loading ??= import('libpg-query').then(async (module) => {
    await module.loadModule();
    return module;
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

export interface PgStatement {
  type: string;
  body: PgNode;
}

/** Parses with PostgreSQL's own grammar; refuses what it cannot parse. */
export async function parsePg(sql: string, mode: Mode): Promise<PgStatement[]> {
  const module = await libpgQuery();
  let tree: { stmts?: { stmt?: PgNode }[] };
  try {
    tree = module.parseSync(sql) as typeof tree;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const mysqlStyle = /^\s*(describe|desc|show)\b/i.test(sql);
    return refuseAs(
      mode,
      'parse',
      `PostgreSQL cannot parse this statement: ${detail.slice(0, 200)}`,
      mysqlStyle
        ? 'PostgreSQL has no DESCRIBE or SHOW TABLES/COLUMNS/CREATE: use db_list_tables and db_describe_table (or query information_schema).'
        : "Fix the syntax error; only statements PostgreSQL's own parser accepts are run.",
    );
  }
  return (tree.stmts ?? []).map(({ stmt }) => {
    const [type, body] = Object.entries(stmt ?? {})[0] ?? ['', {}];
    return { type, body: body as PgNode };
  });
}

/** Warms the parser up (e.g. at server start) so the first query does not pay the WASM load. */
export async function loadPgParser(): Promise<void> {
  await libpgQuery();
}
