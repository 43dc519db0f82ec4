import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, sha256Hex, writeCacheFile } from '@toolbridge/core';
import type { SourceConfig } from './config/settings.js';
import type { RoleReport } from './engine/types.js';

const FILE = 'database-roles.json';

/**
 * The last role report of each DSN, kept between launches so that the instructions can carry it
 * without a round trip before the tool list. Keyed by a hash of the DSN without its password (and the
 * configured read role, which changes the report); the file is the user's alone (0600).
 */
export class RoleMemory {
  private readonly file: string | undefined;
  private entries: Record<string, RoleReport> | undefined;

  constructor(env: NodeJS.ProcessEnv) {
    this.file = memoryFile(env);
  }

  recall(source: SourceConfig): RoleReport | undefined {
    this.entries ??= this.read();
    return this.entries[keyOf(source)];
  }

  remember(source: SourceConfig, report: RoleReport): void {
    if (!this.file) return;
    const key = keyOf(source);
    const entries = this.read();
    if (JSON.stringify(entries[key]) === JSON.stringify(report)) return;
    entries[key] = report;
    this.entries = entries;
    // Only a cache: without it the next start's instructions lack the note, and the first result carries it.
    writeCacheFile(this.file, JSON.stringify(entries));
  }

  private read(): Record<string, RoleReport> {
    if (!this.file) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, RoleReport>;
    } catch {
      return {};
    }
  }
}

function memoryFile(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return join(cacheDir(env), FILE);
  } catch {
    return undefined; // nowhere to keep it
  }
}

function keyOf(source: SourceConfig): string {
  const url = new URL(source.dsn.url);
  url.password = '';
  url.searchParams.delete('password');
  return sha256Hex(`${url.toString()}\n${source.readRole ?? ''}`, 32);
}
