'use strict';
// Which SQLite runs: Node's built-in node:sqlite where the runtime has it (Node >= 22.13: nothing to
// compile, so an upgrade of Node cannot leave a native module built for another version behind), else
// better-sqlite3 (an optional dependency, for Node 20). Both are used through the part of better-sqlite3's
// API that the worker needs; for node:sqlite, the classes below provide it.

/** node:sqlite with everything the worker uses (columns() and setReturnArrays() came in 22.16 and 24.0), or undefined. */
function loadNodeSqlite() {
  // Node 24 warns that the module is experimental on first load: nothing a user can act on.
  const emitWarning = process.emitWarning;
  process.emitWarning = () => undefined;
  try {
    const sqlite = require('node:sqlite');
    const statement = sqlite.StatementSync?.prototype;
    return typeof statement?.columns === 'function' && typeof statement.setReturnArrays === 'function' ? sqlite : undefined;
  } catch {
    return undefined;
  } finally {
    process.emitWarning = emitWarning;
  }
}

const nodeSqlite = loadNodeSqlite();

/** The driver used unless one is named: 'node:sqlite' where available, else 'better-sqlite3'. */
const preferred = nodeSqlite ? 'node:sqlite' : 'better-sqlite3';

// SQLite's primary result codes, so node:sqlite's errors carry the names better-sqlite3 gives (SQLITE_READONLY...).
const RESULT_CODES = [
  'OK',
  'ERROR',
  'INTERNAL',
  'PERM',
  'ABORT',
  'BUSY',
  'LOCKED',
  'NOMEM',
  'READONLY',
  'INTERRUPT',
  'IOERR',
  'CORRUPT',
  'NOTFOUND',
  'FULL',
  'CANTOPEN',
  'PROTOCOL',
  'EMPTY',
  'SCHEMA',
  'TOOBIG',
  'CONSTRAINT',
  'MISMATCH',
  'MISUSE',
  'NOLFS',
  'AUTH',
  'FORMAT',
  'RANGE',
  'NOTADB',
];

function named(error) {
  if (typeof error?.errcode === 'number') error.code = `SQLITE_${RESULT_CODES[error.errcode & 0xff] ?? 'ERROR'}`;
  return error;
}

function guarded(fn) {
  try {
    return fn();
  } catch (error) {
    throw named(error);
  }
}

/** What the text holds after its first statement, less whitespace, semicolons and comments (as better-sqlite3 checks). */
function tailAfter(sql, first) {
  return sql
    .slice(first.length)
    .replace(/\/\*[\s\S]*?(\*\/|$)|--[^\n]*/g, ' ')
    .replace(/[\s;]+/g, '');
}

// Opcodes after which sqlite3_stmt_readonly() is false (SQLite's vdbeaux.c): a write transaction, or the
// statements that change the file outside one. node:sqlite does not expose that flag; the program does.
const WRITE_OPCODES = new Set(['Checkpoint', 'Vacuum', 'JournalMode']);

/** EXPLAIN [QUERY PLAN] in front of a statement, after any whitespace and comments. */
const EXPLAIN_PREFIX = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*EXPLAIN(?:\s+QUERY\s+PLAN)?\b/i;

class NodeStatement {
  constructor(db, sql) {
    this.db = db;
    this.statement = guarded(() => db.handle.prepare(sql));
    let first;
    try {
      first = this.statement.sourceSQL;
    } catch {
      throw new RangeError('The supplied SQL string contains no statements');
    }
    if (tailAfter(sql, first)) throw new RangeError('The supplied SQL string contains more than one statement');
    this.sql = first;
    this.pluckFirst = false;
  }

  /** better-sqlite3's `reader`: the statement returns columns. */
  get reader() {
    return this.statement.columns().length > 0;
  }

  /**
   * better-sqlite3's `readonly` (sqlite3_stmt_readonly), read from the statement's program; an EXPLAIN is
   * as read-only as the statement it explains (as SQLite answers for it).
   */
  get readonly() {
    const explained = EXPLAIN_PREFIX.exec(this.sql);
    const statement = explained ? this.sql.slice(explained[0].length) : this.sql;
    let program;
    try {
      program = this.db.handle.prepare(`EXPLAIN ${statement}`).all();
    } catch {
      return false; // an EXPLAIN of the statement is itself refused: not known to be read-only
    }
    return !program.some((op) => (op.opcode === 'Transaction' && op.p2 !== 0) || WRITE_OPCODES.has(op.opcode));
  }

  raw(on = true) {
    this.statement.setReturnArrays(on);
    return this;
  }

  safeIntegers(on = true) {
    this.statement.setReadBigInts(on);
    return this;
  }

  pluck(on = true) {
    this.pluckFirst = on;
    this.statement.setReturnArrays(on);
    return this;
  }

  columns() {
    return this.statement.columns();
  }

  plucked(row) {
    return this.pluckFirst && row ? row[0] : row;
  }

  *iterate(...params) {
    const rows = guarded(() => this.statement.iterate(...params));
    for (;;) {
      const next = guarded(() => rows.next());
      if (next.done) return;
      yield this.plucked(next.value);
    }
  }

  all(...params) {
    return guarded(() => this.statement.all(...params)).map((row) => this.plucked(row));
  }

  get(...params) {
    return this.plucked(guarded(() => this.statement.get(...params)));
  }

  run(...params) {
    return guarded(() => this.statement.run(...params));
  }
}

class NodeDatabase {
  constructor(file, options = {}) {
    const memory = file === ':memory:';
    if (options.fileMustExist && !memory && !require('node:fs').existsSync(file)) {
      throw Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' });
    }
    this.handle = guarded(() => new nodeSqlite.DatabaseSync(file, { readOnly: Boolean(options.readonly) && !memory }));
  }

  prepare(sql) {
    return new NodeStatement(this, sql);
  }

  exec(sql) {
    guarded(() => this.handle.exec(sql));
    return this;
  }

  /** better-sqlite3's pragma(): `name = value` sets, `name` reads (rows as objects). */
  pragma(text) {
    if (text.includes('=')) {
      this.exec(`PRAGMA ${text}`);
      return [];
    }
    return guarded(() => this.handle.prepare(`PRAGMA ${text}`).all());
  }

  /** better-sqlite3's unsafeMode(): lifts defensive mode (Node 24 turns it on) for writes to the schema. */
  unsafeMode(on = true) {
    this.handle.enableDefensive?.(!on);
    return this;
  }

  close() {
    this.handle.close();
  }
}

/** Opens a database with the named driver (default: the preferred one), with better-sqlite3's options. */
function openDatabase(file, options = {}, driver = preferred) {
  if (driver === 'node:sqlite') {
    if (!nodeSqlite) throw new Error(`node:sqlite is not available on Node.js ${process.version}`);
    return new NodeDatabase(file, options);
  }
  if (driver !== 'better-sqlite3') throw new Error(`unknown SQLite driver ${driver}`);
  const Database = require('better-sqlite3');
  return new Database(file, options);
}

module.exports = { openDatabase, preferred, available: nodeSqlite ? ['node:sqlite', 'better-sqlite3'] : ['better-sqlite3'] };
