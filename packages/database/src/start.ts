import { existsSync } from 'node:fs';
import type { StartResult } from '@toolbridge/core';
import { ensureDemo } from './demo.js';
import { allSources, type DbContext, type Source, withDriver } from './sources.js';
import { checkRead } from './statements.js';

/**
 * Validates every source and builds the demo database if asked; nothing here touches the network. The
 * instructions carry what the last launch learned about each role (see RoleChecks); this launch's
 * inspection starts with the idle work, and every statement waits for it.
 */
export async function startDatabase(context: DbContext): Promise<StartResult> {
  const sources = allSources(context).map((source) => withDriver(context, source));
  for (const source of sources) if (source.demo && source.dsn.file) await ensureDemo(source.dsn.file);
  for (const source of sources) {
    const file = source.dsn.file;
    if (file && file !== ':memory:' && !existsSync(file)) {
      context.logger.warning(`source ${source.id}: the SQLite file ${file} does not exist; queries will fail until it does.`);
    }
  }
  return {
    notes: sources.flatMap((source) => context.services.roleChecks.remembered(context, source)),
    idle: () => {
      warmUp(sources);
      return undefined;
    },
  };
}

/**
 * Once the client has its tool list: inspects each source's role (through source.driver()), loads the
 * SQL guard with its dialect's parser and readies each driver, so the first query does not pay for them
 * (30-50 ms). A failure here is left for the first real call to report.
 */
function warmUp(sources: readonly Source[]): void {
  for (const source of sources) {
    void Promise.all([source.driver(), checkRead('SELECT 1', source.dsn.dialect, source.policy)])
      .then(([driver]) => driver.warmUp?.())
      .catch(() => undefined);
  }
}

/** The instructions' lines about the configured sources (never the names of the tables the policy hides). */
export function describeSources(context: DbContext): string {
  return allSources(context)
    .map((source) => {
      const policy = source.policy.allowedTables
        ? ', some tables hidden by database.allowedTables'
        : source.policy.deniedTables?.length
          ? ', some tables hidden by database.deniedTables'
          : '';
      return `- ${source.id}: ${source.dsn.dialect}${source.readOnly ? ', read-only' : ', writable through db_execute'}${policy}`;
    })
    .join('\n');
}
