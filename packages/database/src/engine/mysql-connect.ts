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
