import { describeError, TimeoutError } from '@toolbridge/core';
import type { SourceConfig } from './config/settings.js';
import type { RoleReport } from './engine/types.js';
import { RoleMemory } from './role-memory.js';
import type { DbContext } from './sources.js';

const PRIVILEGE_CHECK_MS = 5_000;
const NOTHING_TO_CHECK = Promise.resolve();

/**
 * Layer 5, kept off the handshake: each source's role is inspected once, started by the idle work
 * after tools/list or by the first statement, whichever comes first, and every statement waits for it.
 * So a privileged role is always reported (stderr, and the model through the first result or, from the
 * next launch on, the instructions) and PostgreSQL reads always run under the read role. A check that
 * failed is tried again by the next statement.
 */
export class RoleChecks {
  private readonly checks = new Map<string, Promise<void>>();
  /** Per source: what the instructions said about its role (remembered from an earlier launch). */
  private readonly told = new Map<string, string>();
  /** Per source: what the model has not been told yet, for the next result. */
  private readonly untold = new Map<string, string>();
  private memory: RoleMemory | undefined;

  /** The instructions' lines about the source's role, as the last launch found it (no round trip). */
  remembered(context: DbContext, source: SourceConfig): string[] {
    if (source.dsn.dialect === 'sqlite') return [];
    const report = this.memoryOf(context).recall(source);
    const lines = report ? roleNotes(source.id, report) : [];
    this.told.set(source.id, lines.join('\n'));
    return lines;
  }

  /** Resolves once the source's role was inspected (a failure is logged, never thrown: the statement reports its own). */
  check(context: DbContext, source: SourceConfig): Promise<void> {
    if (source.dsn.dialect === 'sqlite') return NOTHING_TO_CHECK;
    let check = this.checks.get(source.id);
    if (!check) {
      check = this.inspect(context, source);
      this.checks.set(source.id, check);
    }
    return check;
  }

  /** The role's lines the model has not seen yet (once): for the first result after the check. */
  takeUntold(sourceId: string): string | undefined {
    const lines = this.untold.get(sourceId);
    this.untold.delete(sourceId);
    return lines;
  }

  private async inspect(context: DbContext, source: SourceConfig): Promise<void> {
    let report: RoleReport;
    try {
      const driver = await context.services.drivers.for(source);
      report = await withTimeout(driver.inspectRole(), PRIVILEGE_CHECK_MS);
    } catch (error) {
      this.checks.delete(source.id);
      context.logger.warning(
        `source ${source.id} (${source.dsn.label}): could not check the role's privileges (the next statement tries again): ${describeError(error, undefined)}`,
      );
      return;
    }
    for (const warning of report.warnings) {
      context.logger.warning(
        `WARNING: source ${source.id}: ${warning}. ${report.readRole ? `Reads run as role ${report.readRole}.` : 'Connect with a least-privilege read-only role (see the README).'}`,
      );
    }
    const lines = roleNotes(source.id, report).join('\n');
    if (lines && lines !== this.told.get(source.id)) this.untold.set(source.id, lines);
    this.memoryOf(context).remember(source, report);
  }

  private memoryOf(context: DbContext): RoleMemory {
    this.memory ??= new RoleMemory(context.env);
    return this.memory;
  }
}

function roleNotes(sourceId: string, { warnings, readRole }: RoleReport): string[] {
  return [
    ...warnings.map((warning) => `Warning: source ${sourceId} connects with a privileged role (${warning}); the server's read-only layers still apply.`),
    ...(readRole
      ? [`Source ${sourceId}: queries run as the role ${readRole} (SET LOCAL ROLE), which can read but not write, run programs or touch files.`]
      : []),
  ];
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`no answer within ${ms} ms`, { hint: 'Check that the database is reachable.' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
