import { describe, expect, it } from 'vitest';
import { checkWriteSql, type Dialect, type WriteCheck } from '../../src/guard/index.js';
import { expectRefusal } from './refusal.js';

describe('checkWriteSql classifies writes', () => {
  const cases: [Dialect, string, Omit<WriteCheck, 'reason'>][] = [
    ['postgres', "INSERT INTO users (name) VALUES ('x')", { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['postgres', 'DELETE FROM users WHERE id = 1', { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['postgres', 'DELETE FROM users', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['postgres', "UPDATE users SET name = 'x'", { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['postgres', 'DELETE FROM users WHERE true', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['postgres', 'UPDATE users SET name = $1 WHERE 1 = 1', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['postgres', 'DELETE FROM users WHERE id = $1', { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['postgres', 'DELETE FROM users WHERE id IN (SELECT user_id FROM orders)', { kind: 'dml', needsConfirmation: false, tables: ['users', 'orders'] }],
    ['postgres', 'WITH d AS (DELETE FROM users RETURNING *) SELECT count(*) FROM d', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    [
      'postgres',
      'UPDATE orders SET total = 0 FROM users WHERE users.id = orders.user_id',
      { kind: 'dml', needsConfirmation: false, tables: ['orders', 'users'] },
    ],
    ['postgres', 'CREATE TABLE t (id int primary key)', { kind: 'ddl', needsConfirmation: true, tables: ['t'] }],
    ['postgres', 'ALTER TABLE users ADD COLUMN x int', { kind: 'ddl', needsConfirmation: true, tables: ['users'] }],
    ['postgres', 'DROP TABLE app.old_users, temp_data', { kind: 'ddl', needsConfirmation: true, tables: ['app.old_users', 'temp_data'] }],
    ['postgres', 'TRUNCATE users', { kind: 'ddl', needsConfirmation: true, tables: ['users'] }],
    ['postgres', 'CREATE INDEX ON orders (user_id)', { kind: 'ddl', needsConfirmation: true, tables: ['orders'] }],
    ['postgres', 'SELECT * INTO backup FROM users', { kind: 'ddl', needsConfirmation: true, tables: ['backup', 'users'] }],
    ['postgres', 'VACUUM ANALYZE orders', { kind: 'other', needsConfirmation: true, tables: ['orders'] }],
    [
      'postgres',
      'CREATE SCHEMA app CREATE TABLE items (id int) CREATE VIEW v AS SELECT * FROM items',
      { kind: 'ddl', needsConfirmation: true, tables: ['items', 'v'] },
    ],
    ['postgres', 'SELECT 1', { kind: 'read', needsConfirmation: false, tables: [] }],
    ['mysql', "INSERT INTO users (name) VALUES ('x')", { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['mysql', 'UPDATE users SET name = 1', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['mysql', 'DELETE FROM users WHERE id = 1', { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['mysql', 'DELETE FROM users WHERE 1 = 1', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['mysql', 'UPDATE users SET a = 1 WHERE id = ?', { kind: 'dml', needsConfirmation: false, tables: ['users'] }],
    ['sqlite', 'UPDATE users SET a = 1 WHERE 1', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['mysql', 'DROP TABLE shop.old', { kind: 'ddl', needsConfirmation: true, tables: ['shop.old'] }],
    ['mysql', 'TRUNCATE TABLE logs', { kind: 'ddl', needsConfirmation: true, tables: ['logs'] }],
    ['mysql', 'CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW SET NEW.a = 1', { kind: 'ddl', needsConfirmation: true, tables: ['users'] }],
    ['sqlite', 'CREATE TABLE t (id INTEGER)', { kind: 'ddl', needsConfirmation: true, tables: ['t'] }],
    ['sqlite', 'DELETE FROM users', { kind: 'dml', needsConfirmation: true, tables: ['users'] }],
    ['sqlite', 'INSERT INTO orders SELECT * FROM staging', { kind: 'dml', needsConfirmation: false, tables: ['staging', 'orders'] }],
  ];
  it.each(cases)('%s: %s', async (dialect, sql, expected) => {
    const check = await checkWriteSql(sql, dialect, {});
    expect({ ...check, reason: undefined }).toEqual({ ...expected, reason: undefined });
    if (check.needsConfirmation) expect(check.reason).toMatch(/\w/);
  });
});

describe('checkWriteSql refuses admin escapes, stacked statements and denied tables', () => {
  const refused: [Dialect, string, string][] = [
    ['postgres', 'INSERT INTO t VALUES (1); DROP TABLE users', 'write.single-statement'],
    ['postgres', "COPY users FROM '/etc/passwd'", 'write.statement-kind'],
    ['postgres', "COPY users TO PROGRAM 'sh -c id'", 'write.statement-kind'],
    ['postgres', 'GRANT ALL ON users TO PUBLIC', 'write.statement-kind'],
    ['postgres', "ALTER SYSTEM SET archive_command = 'sh'", 'write.statement-kind'],
    ['postgres', 'CREATE EXTENSION dblink', 'write.statement-kind'],
    ['postgres', 'DROP EXTENSION plpgsql', 'write.statement-kind'],
    ['postgres', 'CREATE ROLE x SUPERUSER', 'write.statement-kind'],
    ['postgres', 'SET ROLE postgres', 'write.statement-kind'],
    ['postgres', 'BEGIN', 'write.statement-kind'],
    ['postgres', "LOAD 'auto_explain'", 'write.statement-kind'],
    ['postgres', 'DO $$ BEGIN EXECUTE $q$DROP TABLE users$q$; END $$', 'write.statement-kind'],
    ['postgres', 'CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$BEGIN RETURN 1; END$$', 'write.statement-kind'],
    ['postgres', "INSERT INTO users SELECT pg_read_file('/etc/passwd')", 'write.function'],
    ['postgres', 'UPDATE users SET name = pg_sleep(10)::text WHERE id = 1', 'write.function'],
    ['postgres', 'CREATE OPERATOR !!! (rightarg = text, function = pg_read_file)', 'write.function'],
    ['postgres', 'CREATE TRIGGER t BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION lo_import()', 'write.function'],
    ['postgres', "ALTER TABLE users ALTER COLUMN note SET DEFAULT pg_read_file('/etc/passwd')", 'write.function'],
    ['postgres', 'CREATE CAST (text AS int) WITH FUNCTION pg_sleep(float8)', 'write.statement-kind'],
    ['postgres', 'CREATE SCHEMA s CREATE TABLE t (id int) GRANT ALL ON t TO PUBLIC', 'write.statement-kind'],
    ['postgres', 'CREATE RULE r AS ON INSERT TO users DO ALSO NOTIFY users_changed', 'write.statement-kind'],
    ['postgres', 'DELETE FROM api_keys WHERE id = 1', 'database.deniedTables'],
    ['postgres', 'INSERT INTO users SELECT * FROM api_keys', 'database.deniedTables'],
    ['postgres', 'DROP TABLE api_keys', 'database.deniedTables'],
    ['mysql', "LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE users", 'write.statement-kind'],
    ['mysql', "GRANT ALL ON *.* TO 'x'@'%'", 'write.statement-kind'],
    ['mysql', 'SET GLOBAL general_log = 1', 'write.statement-kind'],
    ['mysql', 'USE mysql', 'write.statement-kind'],
    ['mysql', "SELECT * FROM users INTO OUTFILE '/tmp/x'", 'write.into'],
    ['mysql', 'INSERT INTO t SELECT SLEEP(1)', 'write.function'],
    ['mysql', 'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = SLEEP(1)', 'write.function'],
    ['mysql', 'SELECT id INTO @v FROM users', 'write.into'],
    ['mysql', 'SELECT * FROM users FOR UPDATE', 'write.locking'],
    ['postgres', 'SELECT * FROM users FOR UPDATE', 'write.locking'],
    ['mysql', 'UPDATE users SET name = 1 /*!, admin = 1 */', 'write.executable-comment'],
    ['mysql', 'DELETE FROM users WHERE id = 1; DROP TABLE users', 'write.single-statement'],
    ['mysql', 'DROP TABLE api_keys', 'database.deniedTables'],
    ['mysql', 'RENAME TABLE api_keys TO leaked', 'database.deniedTables'],
    ['mysql', 'UPDATE users u JOIN api_keys k ON k.user_id = u.id SET u.note = k.secret', 'database.deniedTables'],
    ['mysql', "CREATE USER 'x'@'%' IDENTIFIED BY 'p'", 'write.statement-kind'],
    ['mysql', 'LOCK TABLES users WRITE', 'write.statement-kind'],
    ['mysql', 'CALL cleanup()', 'write.statement-kind'],
    ['mysql', 'START TRANSACTION', 'write.statement-kind'],
    ['sqlite', "ATTACH DATABASE '/tmp/x.db' AS x", 'write.statement-kind'],
    ['sqlite', "VACUUM INTO '/tmp/copy.db'", 'write.statement-kind'],
    ['sqlite', 'DETACH DATABASE other', 'write.statement-kind'],
    ['mysql', 'HANDLER users OPEN', 'write.statement-kind'],
    ['mysql', "INSTALL PLUGIN evil SONAME 'evil.so'", 'write.statement-kind'],
    ['mysql', 'KILL 42', 'write.statement-kind'],
    ['sqlite', 'PRAGMA writable_schema = ON', 'write.pragma'],
    ['sqlite', "INSERT INTO t VALUES (load_extension('/tmp/evil.so'))", 'write.function'],
    ['sqlite', 'UPDATE api_keys SET key = 1 WHERE id = 2', 'database.deniedTables'],
  ];
  it.each(refused)('%s: %s → %s', async (dialect, sql, rule) => {
    await expectRefusal(checkWriteSql(sql, dialect, { deniedTables: ['api_keys'] }), rule);
  });
});
