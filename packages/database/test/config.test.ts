import { ConfigError, redact, type ServerContext } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { parseDsn } from '../src/config/dsn.js';
import { anySourceWritable, type DatabaseSettings, settingsSchema, resolveSources as sourcesOf } from '../src/config/settings.js';
import { checkerCompatibleSqlMode, mysqlConnectOptions } from '../src/engine/mysql-connect.js';
import { firstKeyword, normalizeCell, RowCollector } from '../src/engine/rows.js';

const context = (settings: unknown, selection = { readOnly: false }) =>
  ({ settings: settingsSchema.parse(settings), config: { selection } }) as unknown as ServerContext<DatabaseSettings>;

function thrown(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('DSNs', () => {
  it.each([
    ['postgres://u:p@db.internal:5432/app', 'postgres', 'postgres://db.internal:5432/app'],
    ['postgresql://u@db/app?sslmode=verify-full', 'postgres', 'postgresql://db/app'],
    ['mysql://root@127.0.0.1:3306/test', 'mysql', 'mysql://127.0.0.1:3306/test'],
    ['mariadb://root@localhost/shop', 'mysql', 'mariadb://localhost/shop'],
    ['sqlite:///var/data/app.db', 'sqlite', 'sqlite:/var/data/app.db'],
    ['sqlite::memory:', 'sqlite', 'sqlite::memory:'],
  ])('%s', (dsn, dialect, label) => {
    expect(parseDsn(dsn, 'k')).toMatchObject({ dialect, label });
  });

  it('resolves sqlite:relative.db against the working directory', () => {
    expect(parseDsn('sqlite:data/app.db', 'k', '/srv/app').file).toBe('/srv/app/data/app.db');
  });

  it('registers the password as a secret, even where no URL shape would catch it', () => {
    parseDsn('postgres://reader:Tr0ub4dor-and-3@db/app', 'k');
    expect(redact('login failed with Tr0ub4dor-and-3')).toBe('login failed with [REDACTED]');
  });

  it('refuses unknown schemes with the supported list', () => {
    const error = thrown(() => parseDsn('oracle://x/y', 'database.dsn'));
    expect(error.message).toBe('database.dsn: unsupported scheme "oracle:"');
    expect(error.hint).toContain('postgres://');
  });

  it('drops the sql_mode flags that change how MySQL tokenises SQL', () => {
    expect(checkerCompatibleSqlMode('REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ANSI,NO_BACKSLASH_ESCAPES,STRICT_TRANS_TABLES')).toBe(
      'REAL_AS_FLOAT,STRICT_TRANS_TABLES',
    );
    expect(checkerCompatibleSqlMode("STRICT_ALL_TABLES,x'; DROP")).toBe('STRICT_ALL_TABLES');
  });

  it('turns sslmode and sslrootcert into MySQL TLS options', () => {
    expect(mysqlConnectOptions('mysql://u:p@h/db?sslmode=require').ssl).toEqual({ rejectUnauthorized: false });
    expect(mysqlConnectOptions('mysql://u:p@h/db').ssl).toBeUndefined();
    expect(() => mysqlConnectOptions('mysql://u@h/db?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem')).toThrow(ConfigError);
    expect(() => mysqlConnectOptions('mysql://u@h/db?sslmode=sometimes')).toThrow(/unknown sslmode/);
  });
});

describe('settings', () => {
  it('DATABASE_URL becomes the "default" source; config sources follow with their own limits', () => {
    const sources = sourcesOf(
      context({ dsn: 'postgres://u@h/db', deniedTables: ['secrets'], sources: [{ id: 'lite', dsn: 'sqlite::memory:', maxRows: 50, deniedTables: ['x'] }] }),
    );
    expect(sources.map((source) => [source.id, source.readOnly, source.maxRows])).toEqual([
      ['default', true, 1000],
      ['lite', true, 50],
    ]);
    expect(sources[1]!.policy.deniedTables).toEqual(['secrets', 'x']);
  });

  it('is read-only unless database.readOnly is false; a source can pin itself read-only; --read-only wins', () => {
    expect(anySourceWritable(context({ dsn: 'sqlite::memory:' }))).toBe(false);
    expect(anySourceWritable(context({ dsn: 'sqlite::memory:', readOnly: false }))).toBe(true);
    expect(anySourceWritable(context({ sources: [{ id: 'a', dsn: 'sqlite::memory:', readOnly: true }], readOnly: false }))).toBe(false);
    const forced = context({ dsn: 'sqlite::memory:', readOnly: false }, { readOnly: true });
    expect(anySourceWritable(forced)).toBe(false);
    expect(sourcesOf(forced)[0]!.readOnly).toBe(true);
  });

  it('names the bad key', () => {
    expect(thrown(() => sourcesOf(context({})))).toMatchObject({
      message: 'database.dsn: no database configured',
      hint: expect.stringContaining('DATABASE_URL'),
    });
    expect(() =>
      sourcesOf(
        context({
          sources: [
            { id: 'a', dsn: 'sqlite::memory:' },
            { id: 'a', dsn: 'sqlite::memory:' },
          ],
        }),
      ),
    ).toThrow(/"a" is used twice/);
    expect(settingsSchema.safeParse({ sources: [{ id: 'bad id!', dsn: 'x' }] }).success).toBe(false);
    expect(settingsSchema.safeParse({ readOnly: 'no' }).success).toBe(false);
  });
});

describe('cells and bounds', () => {
  it('cuts long text with a marker, summarises binary, keeps small JSON', () => {
    expect(normalizeCell('x'.repeat(30), 10)).toBe('xxxxxxxxxx…[cut: 30 chars]');
    expect(normalizeCell(Buffer.alloc(2048), 10)).toBe('[binary 2048 bytes]');
    expect(normalizeCell({ a: 1 }, 100)).toEqual({ a: 1 });
    expect(normalizeCell(12n ** 30n, 100)).toBe((12n ** 30n).toString());
    expect(normalizeCell(new Date('2025-01-02T03:04:05Z'), 100)).toBe('2025-01-02T03:04:05.000Z');
  });

  it('names a write by its first keyword, past comments', () => {
    expect(firstKeyword('-- why\n/* what */  insert into t values (1)')).toBe('INSERT');
    expect(firstKeyword('UPDATE t SET a = 1')).toBe('UPDATE');
  });

  it('stops at max_rows + 1 and at the byte budget', () => {
    const byRows = new RowCollector(2, { maxCellChars: 100, maxResultBytes: 10_000 });
    expect([1, 2, 3, 4].map((n) => byRows.push([n]))).toEqual([true, true, false, false]);
    expect(byRows.result([], 0)).toMatchObject({ row_count: 2, truncated: true, truncated_by: 'max_rows' });
    const byBytes = new RowCollector(100, { maxCellChars: 100, maxResultBytes: 150 });
    while (byBytes.push(['y'.repeat(50)]));
    expect(byBytes.result([], 0)).toMatchObject({ row_count: 2, truncated: true, truncated_by: 'bytes' });
  });
});
