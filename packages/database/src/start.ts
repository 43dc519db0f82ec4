import { describeError, type StartResult } from '@toolbridge/core';
import type { SourceConfig } from './config/settings.js';
import { ensureDemo } from './demo.js';
import { closeDrivers, driverFor } from './engine/drivers.js';
import { checkRead } from './run.js';
import { allSources, type DbContext } from './sources.js';

const PRIVILEGE_CHECK_MS = 5_000;

/**
 * Validates every source, builds the demo database if asked, and inspects each server role (layer 5):
 * a role that can do more than read is reported loudly on stderr and in the server instructions.
 */
export async function startDatabase(context: DbContext): Promise<StartResult> {
  const sources = allSources(context);
  for (const source of sources) if (source.demo && source.dsn.file) await ensureDemo(source.dsn.file);
  const notes: string[] = [];
  await Promise.all(
    sources
      .filter((source) => source.dsn.dialect !== 'sqlite')
      .map(async (source) => {
        try {
          const warnings = await withTimeout(privilegeWarnings(source), PRIVILEGE_CHECK_MS);
          for (const warning of warnings) {
            context.logger.warning(`WARNING: source ${source.id}: ${warning}. Connect with a least-privilege read-only role (see the README).`);
            notes.push(`Warning: source ${source.id} connects with a privileged role (${warning}); the server's read-only layers still apply.`);
          }
        } catch (error) {
          context.logger.warning(
            `source ${source.id} (${source.dsn.label}): could not check the role's privileges at start: ${describeError(error, undefined)}`,
          );
        }
      }),
  );
  return {
    notes,
    close: closeDrivers,
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
function warmUp(sources: readonly SourceConfig[]): void {
  for (const source of sources) {
    void checkRead('SELECT 1', source.dsn.dialect, source.policy)
      .then(() => driverFor(source))
      .then((driver) => driver.warmUp?.())
      .catch(() => undefined);
  }
}

async function privilegeWarnings(source: SourceConfig): Promise<string[]> {
  return (await driverFor(source)).privilegeWarnings();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The instructions' lines about the configured sources. */
export function describeSources(context: DbContext): string {
  const sources = allSources(context);
  return sources
    .map(
      (source) =>
        `- ${source.id}: ${source.dsn.dialect}${source.readOnly ? ', read-only' : ', writable through db_execute'}${source.policy.deniedTables?.length ? `, denied tables: ${source.policy.deniedTables.join(', ')}` : ''}`,
    )
    .join('\n');
}
