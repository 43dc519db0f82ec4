import { InvalidInputError, PolicyError, TimeoutError, ToolbridgeError } from '@toolbridge/core';
import type { Dialect } from '../guard/index.js';

const NAMES: Record<Dialect, string> = { postgres: 'PostgreSQL', mysql: 'MySQL/MariaDB', sqlite: 'SQLite' };

/** MySQL/MariaDB: access denied to a database, table, column or routine, or a privilege like SUPER needed. */
const PRIVILEGE_ERRNOS = new Set([1044, 1142, 1143, 1227, 1370]);

/** The database itself refused or failed a statement (not a safety rule). */
export class DatabaseError extends ToolbridgeError {}

interface DriverError {
  message?: string;
  code?: string | number;
  errno?: number;
}

/**
 * Turns a driver error into one of core's errors, so a refusal by the engine names the layer that
 * refused it and a timeout reads as a timeout. Errors already from toolbridge pass through.
 */
export function fromDriverError(error: unknown, dialect: Dialect, timeoutMs: number): Error {
  if (error instanceof ToolbridgeError) return error;
  const { message = String(error), code, errno } = (error ?? {}) as DriverError;
  const name = NAMES[dialect];
  if (code === '25006' || errno === 1792 || code === 'SQLITE_READONLY' || (/read-?only/i.test(message) && /transaction|database|query_only/i.test(message))) {
    return new PolicyError('read-only.engine', `${name} refused a write inside the read-only session: ${message}`, {
      hint: 'This server is read-only; db_query runs reads only.',
    });
  }
  // 42501 insufficient privilege; 2F003 what a function may not do for this role (dblink without a password).
  if (code === '42501' || code === '2F003' || (errno !== undefined && PRIVILEGE_ERRNOS.has(errno))) {
    return new PolicyError('database.privileges', `${name} refused the statement: the role it runs as lacks the privilege (${message})`, {
      hint: 'Query what this role may read; the administrator grants more (or names another readRole).',
    });
  }
  if (code === '57014' || errno === 1969 || errno === 3024 || code === 'SQLITE_INTERRUPT' || code === 'TIMEOUT') {
    return new TimeoutError(`the query ran longer than ${timeoutMs} ms and was cancelled on the server`, {
      hint: 'Narrow the query (filters, LIMIT, fewer joins), or raise queryTimeout for this source.',
    });
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new DatabaseError(`${name} could not open the database file: ${message}`, {
      hint: 'Check the path in the DSN (sqlite:///absolute/path.db or sqlite:relative.db, relative to the working directory) and that the file exists and is readable.',
    });
  }
  if (code === 'SQLITE_BINDING') {
    return new DatabaseError(`the SQLite driver is not installed correctly: ${message}`, {
      hint: `Node.js 22.13 or later has SQLite built in (now ${process.version}); on Node.js 20, reinstall @toolbridge/database with the Node.js that runs it, or run npm rebuild better-sqlite3.`,
    });
  }
  if ((code === '42601' && /multiple commands/i.test(message)) || /more than one statement/i.test(message)) {
    return new PolicyError('read-only.protocol', `${name} refused more than one statement in one call: ${message}`, {
      hint: 'Send exactly one statement per call.',
    });
  }
  if ((typeof code === 'string' && /^(42|22)/.test(code)) || errno === 1064 || errno === 1054 || errno === 1146 || code === 'SQLITE_ERROR') {
    return new InvalidInputError(`${name} rejected the statement: ${message}`, {
      hint: 'Fix the SQL (check names with db_list_tables / db_describe_table) and call again.',
    });
  }
  return new DatabaseError(`${name} error: ${message}`, { hint: 'Check the statement and the connection, then retry.' });
}

/** The pool could not open a connection: say where (never with the password) and what to check. */
export function connectError(error: unknown, label: string): DatabaseError {
  const { message = String(error), code } = (error ?? {}) as DriverError;
  return new DatabaseError(`cannot connect to ${label}: ${message || code}`, {
    hint: 'Check that the database is running and reachable, and that the DSN (host, port, user, password, database, sslmode) is right.',
  });
}
