import { isAbsolute, resolve } from 'node:path';
import { ConfigError, registerSecret } from '@toolbridge/core';
import type { Dialect } from '../guard/index.js';

export interface ParsedDsn {
  dialect: Dialect;
  /** What the driver connects with (for PostgreSQL and MySQL, the URL itself). */
  url: string;
  /** SQLite: the file path or ":memory:". */
  file?: string;
  /** A redacted form for messages: scheme, host and database, never the password. */
  label: string;
}

const SCHEMES: Record<string, Dialect> = {
  'postgres:': 'postgres',
  'postgresql:': 'postgres',
  'mysql:': 'mysql',
  'mariadb:': 'mysql',
};

/**
 * Reads a DSN and registers its password as a secret before anything could print it.
 * `key` names the setting in error messages.
 */
export function parseDsn(dsn: string, key: string, cwd = process.cwd()): ParsedDsn {
  const text = dsn.trim();
  if (text.startsWith('sqlite:')) return parseSqlite(text.slice('sqlite:'.length), key, cwd);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(key, 'is not a valid database URL', {
      hint: 'Use postgres://user@host:5432/db or mysql://user@host:3306/db (with :password after the user when there is one), sqlite:///abs/path.db, sqlite:relative.db or sqlite::memory:.',
    });
  }
  const dialect = SCHEMES[url.protocol];
  if (!dialect) {
    throw new ConfigError(key, `unsupported scheme "${url.protocol}"`, {
      hint: 'Supported: postgres://, postgresql://, mysql://, mariadb://, sqlite:.',
    });
  }
  if (url.password) registerSecret(url.password);
  if (!url.hostname) throw new ConfigError(key, 'names no host', { hint: 'Write the host after "//", e.g. postgres://user@localhost/db.' });
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return { dialect, url: text, label: `${url.protocol}//${url.hostname}${url.port ? `:${url.port}` : ''}/${database}` };
}

function parseSqlite(rest: string, key: string, cwd: string): ParsedDsn {
  if (rest === ':memory:') return { dialect: 'sqlite', url: 'sqlite::memory:', file: ':memory:', label: 'sqlite::memory:' };
  // sqlite:///abs/path.db (URL form) or sqlite:relative.db / sqlite:/abs/path.db
  const path = rest.startsWith('//') ? decodeURIComponent(rest.slice(2)) : rest;
  if (!path) throw new ConfigError(key, 'names no SQLite file', { hint: 'Use sqlite:///abs/path.db, sqlite:relative.db or sqlite::memory:.' });
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  return { dialect: 'sqlite', url: `sqlite://${file}`, file, label: `sqlite:${file}` };
}
