import type { SourceConfig } from '../config/settings.js';
import type { Driver } from './types.js';

/** The drivers of one server, by source: created on first use, so each driver module loads only then. */
export class Drivers {
  private readonly open = new Map<string, Promise<Driver>>();

  for(source: SourceConfig): Promise<Driver> {
    const key = `${source.id}\u0000${source.dsn.url}`;
    let driver = this.open.get(key);
    if (!driver) {
      driver = createDriver(source);
      this.open.set(key, driver);
      driver.catch(() => this.open.delete(key));
    }
    return driver;
  }

  async close(): Promise<void> {
    const drivers = [...this.open.values()];
    this.open.clear();
    await Promise.all(drivers.map(async (driver) => (await driver.catch(() => undefined))?.close().catch(() => undefined)));
  }
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
