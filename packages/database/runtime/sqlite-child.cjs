'use strict';
// SQLite runs in this child process so a runaway statement can be stopped for real: both drivers are
// synchronous and have no interrupt, so the parent kills this process when the time limit passes.
// Protocol (IPC, advanced serialization):
//   { id, op: 'read' | 'write', file, sql, params, maxRows, maxBytes, maxCell }
//     -> { id, columns, rows, more, cutBy } | { id, changes, command } | { id, error }
//   { id, op: 'inspect', file, sql, params } -> { id, program } (what the statement's bytecode opens and calls)
// The driver: node:sqlite where the runtime has it, else better-sqlite3; a test may name one (argv[2]).
const { openDatabase } = require('./sqlite-driver.cjs');

const driver = process.argv[2];

const handles = new Map();

/** better-sqlite3 loads its native module at the first open: a missing package or a mismatched build fails there. */
const BINDING_FAILURE =
  /Cannot find module 'better-sqlite3'|bindings file|NODE_MODULE_VERSION|compiled against|ERR_DLOPEN_FAILED|invalid ELF|wrong ELF|cannot open shared object/i;

function connect(file, mode, memory) {
  try {
    return openDatabase(file, { readonly: mode === 'read' && !memory, fileMustExist: !memory }, driver);
  } catch (error) {
    if (error.code === 'ERR_DLOPEN_FAILED' || error.code === 'MODULE_NOT_FOUND' || BINDING_FAILURE.test(error.message)) {
      throw Object.assign(new Error(`better-sqlite3's native module could not be loaded (${error.message.split('\n')[0]})`), { code: 'SQLITE_BINDING' });
    }
    // A missing file or directory, or one this process may not read: say which file.
    throw Object.assign(new Error(`cannot open ${file}: ${error.message}`), { code: 'SQLITE_CANTOPEN' });
  }
}

function open(file, mode) {
  const memory = file === ':memory:';
  // An in-memory database exists once per connection: reads and writes must share it.
  const key = memory ? 'memory' : `${mode}:${file}`;
  let db = handles.get(key);
  if (db) return db;
  db = connect(file, mode, memory);
  // Functions inside views and triggers may not run with side effects; writes are refused outright.
  db.pragma('trusted_schema = 0');
  if (mode === 'read') db.pragma('query_only = 1');
  handles.set(key, db);
  return db;
}

// Integers as numbers while exact, as text beyond 2^53 (as PostgreSQL's bigint comes back).
function integer(value) {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

function cell(value, maxCell) {
  if (typeof value === 'bigint') return integer(value);
  if (value instanceof Uint8Array) return `[binary ${value.byteLength} bytes]`;
  if (typeof value === 'string' && value.length > maxCell) return `${value.slice(0, maxCell)}…[cut: ${value.length} chars]`;
  return value;
}

// SQLite has no boolean type: true/false bind as 1/0, as SQLite itself stores them.
const bindable = (params) => params.map((value) => (typeof value === 'boolean' ? Number(value) : value));

function read(message) {
  const db = open(message.file, 'read');
  db.pragma('query_only = 1');
  // prepare() compiles exactly one statement and throws when anything but whitespace or comments follows.
  const statement = db.prepare(message.sql);
  if (!statement.readonly) throw Object.assign(new Error('the statement would write to the database'), { code: 'SQLITE_READONLY' });
  // ATTACH, DETACH and setting PRAGMAs count as "read-only" for SQLite but return no rows: refused.
  if (!statement.reader)
    throw Object.assign(new Error('the statement returns no rows (ATTACH, DETACH and setting PRAGMAs are refused)'), { code: 'SQLITE_READONLY' });
  statement.raw(true);
  statement.safeIntegers(true);
  const columns = statement.columns().map((column) => ({ name: column.name, type: column.type || '' }));
  const rows = [];
  let bytes = 0;
  let more = false;
  let cutBy;
  for (const raw of statement.iterate(...bindable(message.params))) {
    if (rows.length >= message.maxRows) {
      more = true;
      cutBy = 'max_rows';
      break;
    }
    const row = raw.map((value) => cell(value, message.maxCell));
    const size = JSON.stringify(row).length + 1;
    if (bytes + size > message.maxBytes && rows.length > 0) {
      more = true;
      cutBy = 'bytes';
      break;
    }
    bytes += size;
    rows.push(row);
  }
  return { columns, rows, more, cutBy };
}

function write(message) {
  const db = open(message.file, 'write');
  db.pragma('query_only = 0');
  try {
    const statement = db.prepare(message.sql);
    if (statement.reader) {
      statement.raw(true);
      statement.safeIntegers(true);
      const columns = statement.columns().map((column) => ({ name: column.name, type: column.type || '' }));
      const rows = statement
        .all(...bindable(message.params))
        .slice(0, message.maxRows + 1)
        .map((row) => row.map((value) => cell(value, message.maxCell)));
      return { columns, rows, changes: db.prepare('SELECT changes() AS n').get().n };
    }
    const info = statement.run(...bindable(message.params));
    return { columns: [], rows: [], changes: info.changes };
  } finally {
    if (message.file === ':memory:') db.pragma('query_only = 1');
  }
}

// Bytecode operations that open a b-tree (p2 = root page, p3 = database), open a virtual table
// (p4 = "vtab:<address>"), or call a function (p4 = "name(arguments)").
const OPENS = new Set(['OpenRead', 'OpenWrite', 'ReopenIdx']);
const CALLS = new Set(['Function', 'PureFunc', 'AggStep', 'AggStep1', 'AggFinal', 'AggValue', 'AggInverse']);
/** OPFLAG_P2ISREG: the root page is in a register, known only at run time. */
const P2_IS_REGISTER = 0x10;

/** Which virtual table an address in EXPLAIN's p4 is, per connection: found by explaining each candidate once. */
const virtualTables = new WeakMap();

function virtualTableName(db, address) {
  let known = virtualTables.get(db);
  if (known?.has(address)) return known.get(address);
  known = new Map();
  const candidates = new Set([
    ...db.pragma('module_list').map((row) => row.name),
    ...db.pragma('pragma_list').map((row) => `pragma_${row.name}`),
    ...db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").pluck().all(),
  ]);
  for (const name of candidates) {
    try {
      for (const op of db.prepare(`EXPLAIN SELECT * FROM "${name.replaceAll('"', '""')}"`).all()) {
        if (op.opcode === 'VOpen') known.set(op.p4, name);
      }
    } catch {
      // a module without an eponymous table, or a pragma without a table form
    }
  }
  virtualTables.set(db, known);
  return known.get(address);
}

function schemaObject(db, database, root) {
  if (root === 1)
    return { type: 'table', name: database === 1 ? 'sqlite_temp_schema' : 'sqlite_schema', table: database === 1 ? 'sqlite_temp_schema' : 'sqlite_schema' };
  const catalog = database === 1 ? 'sqlite_temp_schema' : database === 0 ? 'sqlite_schema' : undefined;
  if (!catalog) return undefined;
  const row = db.prepare(`SELECT type, name, tbl_name AS "table" FROM ${catalog} WHERE rootpage = ?`).get(root);
  return row ?? undefined;
}

/** What SQLite compiled the statement to: whether it reads or writes, the tables and indexes it opens, the functions it calls. */
function inspect(message) {
  const db = open(message.file, 'read');
  const statement = db.prepare(message.sql);
  const program = db.prepare(`EXPLAIN ${message.sql}`).all(...bindable(message.params));
  const opened = [];
  const virtual = [];
  const functions = new Set();
  const unresolved = [];
  for (const op of program) {
    if (OPENS.has(op.opcode)) {
      const object = op.p5 & P2_IS_REGISTER ? undefined : schemaObject(db, op.p3, op.p2);
      if (object) opened.push({ schema: op.p3 === 1 ? 'temp' : 'main', ...object });
      else unresolved.push(`b-tree ${op.p2} of database ${op.p3}`);
    } else if (op.opcode === 'VOpen') {
      const name = virtualTableName(db, op.p4);
      if (name) virtual.push(name);
      else unresolved.push(`virtual table ${op.p4}`);
    } else if (CALLS.has(op.opcode) && typeof op.p4 === 'string') {
      functions.add(op.p4.replace(/\(-?\d+\)$/, ''));
    }
  }
  return { program: { readonly: statement.readonly, reader: statement.reader, opened, virtual, functions: [...functions], unresolved } };
}

const OPS = { read, write, inspect };

process.on('message', (message) => {
  let reply;
  try {
    reply = { id: message.id, ...OPS[message.op](message) };
  } catch (error) {
    reply = { id: message.id, error: { message: error.message, code: error.code } };
  }
  process.send(reply);
});
process.on('disconnect', () => process.exit(0));
