import type { SourceConfig } from '../config/settings.js';
import type { Driver } from './types.js';

const open = new Map<string, Promise<Driver>>();

/** The source's driver, created on first use: each driver module (and its database client) loads only then. */
export function driverFor(source: SourceConfig): Promise<Driver> {
  const key = `${source.id}\u0000${source.dsn.url}`;
  let driver = open.get(key);
  if (!driver) {
    driver = createDriver(source);
    open.set(key, driver);
    driver.catch(() => open.delete(key));
  }
  return driver;
}

export async function createDriver(source: SourceConfig): Promise<Driver> {
  switch (source.dsn.dialect) {
    case 'postgres':
      return (await import('./postgres.js')).createPostgresDriver(source);
    case 'mysql':
      return (await import('./mysql.js')).createMysqlDriver(source);
    case 'sqlite':
      return (await import('./sqlite.js')).createSqliteDriver(source);
  }
}

export async function closeDrivers(): Promise<void> {
  const drivers = [...open.values()];
  open.clear();
  await Promise.all(drivers.map(async (driver) => (await driver.catch(() => undefined))?.close().catch(() => undefined)));
}
