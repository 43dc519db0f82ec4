import { existsSync } from 'node:fs';
import { describeError, type StartResult, TimeoutError } from '@toolbridge/core';
import { ensureDemo } from './demo.js';
import { allSources, type DbContext, type Source, withDriver } from './sources.js';
import { checkRead } from './statements.js';

const PRIVILEGE_CHECK_MS = 5_000;

/**
 * Validates every source, builds the demo database if asked, and inspects each server role (layer 5):
 * a role that can do more than read is reported loudly on stderr, and PostgreSQL reads then run under a
 * least-privilege role; the instructions say which.
 */
export async function startDatabase(context: DbContext): Promise<StartResult> {
  const sources = allSources(context).map((source) => withDriver(context, source));
  for (const source of sources) if (source.demo && source.dsn.file) await ensureDemo(source.dsn.file);
  const notes: string[] = [];
  for (const source of sources) {
    const file = source.dsn.file;
    if (file && file !== ':memory:' && !existsSync(file)) {
      context.logger.warning(`source ${source.id}: the SQLite file ${file} does not exist; queries will fail until it does.`);
    }
  }
  await Promise.all(
    sources
      .filter((source) => source.dsn.dialect !== 'sqlite')
      .map(async (source) => {
        try {
          const { warnings, readRole } = await withTimeout(inspectRole(source), PRIVILEGE_CHECK_MS);
          for (const warning of warnings) {
            context.logger.warning(
              `WARNING: source ${source.id}: ${warning}. ${readRole ? `Reads run as role ${readRole}.` : 'Connect with a least-privilege read-only role (see the README).'}`,
            );
            notes.push(`Warning: source ${source.id} connects with a privileged role (${warning}); the server's read-only layers still apply.`);
          }
          if (readRole)
            notes.push(`Source ${source.id}: queries run as the role ${readRole} (SET LOCAL ROLE), which can read but not write, run programs or touch files.`);
        } catch (error) {
          context.logger.warning(
            `source ${source.id} (${source.dsn.label}): could not check the role's privileges at start: ${describeError(error, undefined)}`,
          );
        }
      }),
  );
  return {
    notes,
    idle: () => {
      warmUp(sources);
      return undefined;
    },
  };
}

/**
 * Once the client has its tool list: loads the SQL guard with its dialect's parser and readies each
 * source's driver, so the first query does not pay for them (30-50 ms). A failure here is left for the
 * first real call to report.
 */
function warmUp(sources: readonly Source[]): void {
  for (const source of sources) {
    void checkRead('SELECT 1', source.dsn.dialect, source.policy)
      .then(() => source.driver())
      .then((driver) => driver.warmUp?.())
      .catch(() => undefined);
  }
}

async function inspectRole(source: Source) {
  return (await source.driver()).inspectRole();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`, { hint: 'Check that the database is reachable.' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
