'use strict';
// SQLite runs in this child process so a runaway statement can be stopped for real: better-sqlite3 is
// synchronous and has no interrupt, so the parent kills this process when the time limit passes.
// Protocol (IPC, advanced serialization): { id, op: 'read' | 'write', file, sql, params, maxRows,
// maxBytes, maxCell } -> { id, columns, rows, more, cutBy } | { id, changes, command } | { id, error }.
const Database = require('better-sqlite3');

const handles = new Map();

function open(file, mode) {
  const memory = file === ':memory:';
  // An in-memory database exists once per connection: reads and writes must share it.
  const key = memory ? 'memory' : `${mode}:${file}`;
  let db = handles.get(key);
  if (db) return db;
  db = new Database(file, { readonly: mode === 'read' && !memory, fileMustExist: !memory });
  // Functions inside views and triggers may not run with side effects; writes are refused outright.
  db.pragma('trusted_schema = 0');
  if (mode === 'read') db.pragma('query_only = 1');
  handles.set(key, db);
  return db;
}

function cell(value, maxCell) {
  if (Buffer.isBuffer(value)) return `[binary ${value.byteLength} bytes]`;
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

process.on('message', (message) => {
  let reply;
  try {
    reply = { id: message.id, ...(message.op === 'write' ? write(message) : read(message)) };
  } catch (error) {
    reply = { id: message.id, error: { message: error.message, code: error.code } };
  }
  process.send(reply);
});
process.on('disconnect', () => process.exit(0));
