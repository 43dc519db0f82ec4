import { NotFoundError, type ServerContext } from '@toolbridge/core';
import type { DatabaseSettings, SourceConfig } from './config/settings.js';
import type { Driver } from './engine/types.js';
import type { DatabaseServices } from './services.js';

export type DbContext = ServerContext<DatabaseSettings, DatabaseServices>;

/** A configured source with its driver (created at first use, shared by every call, ready once the role was inspected). */
export interface Source extends SourceConfig {
  driver(): Promise<Driver>;
}

export function allSources(context: DbContext): SourceConfig[] {
  return context.services.sources;
}

/** The named source, or the first one when no name is given. */
export function pickSource(context: DbContext, id: string | undefined): Source {
  const sources = allSources(context);
  const found = id === undefined ? sources[0]! : sources.find((source) => source.id === id);
  if (!found) {
    throw new NotFoundError(`no source "${id}"; the configured sources are ${sources.map((source) => source.id).join(', ')}`, {
      hint: 'Pass one of them as source, or leave source out for the first.',
    });
  }
  return withDriver(context, found);
}

/** The source with its driver, which waits for the role's inspection: no statement runs before it. */
export const withDriver = (context: DbContext, source: SourceConfig): Source => ({
  ...source,
  driver: async () => {
    await context.services.roleChecks.check(context, source);
    return context.services.drivers.for(source);
  },
});
