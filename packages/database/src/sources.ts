import { NotFoundError, type ServerContext } from '@toolbridge/core';
import { type DatabaseSettings, type SourceConfig, sourcesOf } from './config/settings.js';
import { demoFile } from './demo.js';

export type DbContext = ServerContext<DatabaseSettings>;

export function allSources(context: DbContext): SourceConfig[] {
  return sourcesOf(context, () => demoFile(context.env));
}

/** The named source, or the first one when no name is given. */
export function pickSource(context: DbContext, id: string | undefined): SourceConfig {
  const sources = allSources(context);
  if (id === undefined) return sources[0]!;
  const found = sources.find((source) => source.id === id);
  if (!found) throw new NotFoundError(`no source "${id}"`, { hint: `Configured sources: ${sources.map((source) => source.id).join(', ')}.` });
  return found;
}
