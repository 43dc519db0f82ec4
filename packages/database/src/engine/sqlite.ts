import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { SourceConfig } from '../config/settings.js';
import { packageRoot } from '../paths.js';
import { fromDriverError } from './errors.js';
import { CATALOG_LIMITS, firstKeyword, limitsFor, RowCollector, rowObjects, writeResult } from './rows.js';
import type { Column, Driver, EngineSession, QueryResult, ReadRequest, SqliteProgram, WriteResult } from './types.js';

interface ChildReply {
  id: number;
  error?: { message: string; code?: string };
  columns?: Column[];
  rows?: unknown[][];
  more?: boolean;
  cutBy?: 'max_rows' | 'bytes';
  changes?: number;
  program?: SqliteProgram;
}

type Op = 'read' | 'write' | 'inspect';

interface Pending {
  resolve(reply: ChildReply): void;
  reject(error: unknown): void;
}

/**
 * SQLite through a child process (runtime/sqlite-child.cjs): opened read-only with query_only and
 * trusted_schema off, one statement per prepare (a non-empty tail is refused), only row-returning
 * read-only statements, no extension loading. Statements run one at a time; one past its time limit is
 * stopped by killing the child, which the next call replaces.
 */
export async function createSqliteDriver(source: SourceConfig): Promise<Driver> {
  const file = source.dsn.file ?? ':memory:';
  let child: ChildProcess | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };

  const spawnChild = (): ChildProcess => {
    if (child?.connected) return child;
    const started = fork(join(packageRoot(), 'runtime', 'sqlite-child.cjs'), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
    });
    started.on('message', (reply: ChildReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    started.on('exit', (code, signal) => {
      if (child === started) child = undefined;
      // SIGKILL is ours (the time limit or a cancelled call); anything else is a crash, reported as such.
      const stopped =
        signal === 'SIGKILL'
          ? Object.assign(new Error('the SQLite worker was stopped'), { code: 'SQLITE_INTERRUPT' })
          : Object.assign(new Error(`the SQLite worker exited (code ${code ?? '?'}, signal ${signal ?? 'none'}); see stderr`), { code: 'SQLITE_WORKER' });
      failAll(stopped);
    });
    child = started;
    return started;
  };

  // One statement at a time: the statement running is always the one its time limit (or cancel) stops,
  // and the calls queued behind it go to the next worker untouched.
  let queue: Promise<unknown> = Promise.resolve();
  function send(op: Op, request: ReadRequest): Promise<ChildReply> {
    const run = queue.then(() => execute(op, request));
    queue = run.catch(() => undefined);
    return run;
  }

  async function execute(op: Op, request: ReadRequest): Promise<ChildReply> {
    if (request.signal?.aborted) throw fromDriverError(Object.assign(new Error('cancelled'), { code: 'SQLITE_INTERRUPT' }), 'sqlite', request.timeoutMs);
    const worker = spawnChild();
    const id = nextId++;
    const limits = limitsFor(source, request);
    const reply = new Promise<ChildReply>((resolve, reject) => pending.set(id, { resolve, reject }));
    const stop = () => worker.kill('SIGKILL');
    const timer = setTimeout(stop, request.timeoutMs);
    request.signal?.addEventListener('abort', stop, { once: true });
    worker.send({
      id,
      op,
      file,
      sql: request.sql,
      params: request.params,
      maxRows: request.maxRows,
      maxBytes: limits.maxResultBytes,
      maxCell: limits.maxCellChars,
    });
    try {
      const answer = await reply;
      if (answer.error) throw Object.assign(new Error(answer.error.message), { code: answer.error.code ?? 'SQLITE_ERROR' });
      return answer;
    } catch (error) {
      throw fromDriverError(error, 'sqlite', request.timeoutMs);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', stop);
    }
  }

  async function read(request: ReadRequest): Promise<QueryResult> {
    const started = performance.now();
    if (request.admit) await request.admit(session(request));
    const reply = await send('read', request);
    const collector = new RowCollector(request.maxRows, limitsFor(source, request));
    for (const row of reply.rows ?? []) collector.push(row);
    const result = collector.result(reply.columns ?? [], started);
    if (reply.more) return { ...result, truncated: true, truncated_by: reply.cutBy ?? 'max_rows' };
    return result;
  }

  /** Admission checks run in the worker too, between the calls queued before and after this one. */
  const session = (request: ReadRequest): EngineSession => ({
    query: async (sql, params = []) => rowObjects(await read({ sql, params, timeoutMs: request.timeoutMs, ...CATALOG_LIMITS })),
    program: async (sql) => (await send('inspect', { ...request, sql })).program as SqliteProgram,
  });

  return {
    dialect: 'sqlite',
    read,
    write: async (request): Promise<WriteResult> => {
      const started = performance.now();
      const reply = await send('write', request);
      const collector = new RowCollector(request.maxRows, limitsFor(source, request));
      for (const row of reply.rows ?? []) if (!collector.push(row)) break;
      return writeResult(firstKeyword(request.sql), reply.changes ?? 0, reply.columns ?? [], collector, started);
    },
    withSession: (timeoutMs, work) => work(session({ sql: '', params: [], maxRows: 0, timeoutMs })),
    inspectRole: async () => ({ warnings: [] }),
    warmUp: () => void spawnChild(),
    close: async () => {
      child?.kill();
      child = undefined;
    },
  };
}
