import { readFileSync } from 'node:fs';
import { ConfigError } from '@toolbridge/core';

export interface MysqlConnectOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string | undefined;
  ssl: { ca?: string; rejectUnauthorized: boolean } | undefined;
}

/**
 * mysql://user:pass@host:3306/db?sslmode=require|verify-ca|verify-full&sslrootcert=/path/ca.pem.
 * Options are built here rather than handed to mysql2 as a URL, which would take every query
 * parameter as a driver option.
 */
export function mysqlConnectOptions(dsn: string): MysqlConnectOptions {
  const url = new URL(dsn);
  const mode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode')?.toLowerCase().replace('_', '-') ?? 'disable';
  const rootCert = url.searchParams.get('sslrootcert') ?? url.searchParams.get('ssl-ca');
  let ssl: MysqlConnectOptions['ssl'];
  if (mode === 'require' || mode === 'required' || mode === 'prefer' || mode === 'preferred') ssl = { rejectUnauthorized: false };
  else if (mode.startsWith('verify')) ssl = { rejectUnauthorized: true, ...(rootCert ? { ca: readCert(rootCert) } : {}) };
  else if (mode !== 'disable' && mode !== 'disabled') {
    throw new ConfigError('database.dsn', `unknown sslmode "${mode}"`, { hint: 'Use disable, require, verify-ca or verify-full.' });
  }
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined,
    ssl,
  };
}

function readCert(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('database.dsn', `cannot read sslrootcert ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * sql_mode flags that change how the server splits SQL into tokens (quotes, escapes, operators,
 * function names), and the combination modes that imply them. Sessions run without them so the
 * server reads a statement exactly as the SQL checker did.
 */
const LEXER_MODES = new Set([
  'ANSI',
  'ANSI_QUOTES',
  'NO_BACKSLASH_ESCAPES',
  'IGNORE_SPACE',
  'PIPES_AS_CONCAT',
  'HIGH_NOT_PRECEDENCE',
  'DB2',
  'MAXDB',
  'MSSQL',
  'ORACLE',
  'POSTGRESQL',
  'MYSQL323',
  'MYSQL40',
]);

/** The server's sql_mode without the lexer-changing flags (only mode names: safe to inline). */
export function checkerCompatibleSqlMode(serverMode: string): string {
  return serverMode
    .split(',')
    .map((flag) => flag.trim().toUpperCase())
    .filter((flag) => /^[A-Z0-9_]+$/.test(flag) && !LEXER_MODES.has(flag))
    .join(',');
}
