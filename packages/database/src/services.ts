import { type ServerContext, type ServicesOf, service } from '@toolbridge/core';
import { type DatabaseSettings, resolveSources } from './config/settings.js';
import { demoFile } from './demo.js';
import { Drivers } from './engine/drivers.js';
import { RoleChecks } from './role-check.js';

/** What the server keeps between calls: made at first use, closed by core at shutdown. */
export const services = {
  /** Every configured source, resolved once; a bad setting is a ConfigError naming its key. */
  sources: service((context: ServerContext<DatabaseSettings>) => resolveSources(context, () => demoFile(context.env))),
  /** One driver per source, each (and its database client) loaded at its first use. */
  drivers: service(
    () => new Drivers(),
    (drivers) => drivers.close(),
  ),
  /** Each source's role inspection (layer 5), awaited by every statement. */
  roleChecks: service(() => new RoleChecks()),
};

export type DatabaseServices = ServicesOf<typeof services>;
