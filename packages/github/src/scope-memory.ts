import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, sha256Hex } from '@toolbridge/core';
import { type GitHubContext, tokenFrom } from './client.js';
import { hasScopes, probeScopes } from './scopes.js';

/** How long scopes learned at one start are trusted at the next ones. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;
const FILE = 'github-token-scopes.json';

interface Remembered {
  /** null: GitHub sent no X-OAuth-Scopes for this token. */
  scopes: string[] | null;
  at: number;
}

export interface TokenScopes {
  /** The scopes of a classic token; undefined for other tokens, or when GitHub could not be asked. */
  scopes?: string[];
  /** Asks GitHub again for the next start, when these came from memory: work for an idle moment. */
  refresh?: () => void;
}

/**
 * The token's scopes without a round trip on every launch: what an earlier start learned for the same
 * token and API (kept under a hash, never the token), to be refreshed for the next start. With nothing
 * remembered, the probe runs now. A token whose scopes changed shows its new tool list from the
 * following start; until then a call it cannot make fails with GitHub's own answer.
 */
export async function tokenScopes(context: GitHubContext, apiUrl: string): Promise<TokenScopes> {
  const token = tokenFrom(context.env);
  if (!hasScopes(token)) return {};
  const key = sha256Hex(`${apiUrl}\n${token}`, 24);
  const file = memoryFile(context);
  const remembered = file ? readMemory(file)[key] : undefined;
  const probe = () =>
    probeScopes(context).then(
      (scopes) => {
        if (file) writeMemory(file, key, { scopes, at: Date.now() });
        return scopes ?? undefined;
      },
      (error: unknown) => {
        context.logger.warning(
          `could not check the token's scopes (${(error as { status?: number }).status ?? (error as Error).message}); no tool is hidden for lack of scopes`,
        );
        return undefined;
      },
    );
  if (remembered && Date.now() - remembered.at < REMEMBER_MS) {
    // Not now: the first request loads Node's HTTP stack (~15 ms) and would delay the tool list.
    return { scopes: remembered.scopes ?? undefined, refresh: () => void probe() };
  }
  return { scopes: await probe() };
}

function memoryFile(context: GitHubContext): string | undefined {
  try {
    return join(cacheDir(context.env), FILE);
  } catch {
    return undefined; // nowhere to remember: probe on every start
  }
}

function readMemory(file: string): Record<string, Remembered> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, Remembered>;
  } catch {
    return {};
  }
}

function writeMemory(file: string, key: string, entry: Remembered): void {
  const now = Date.now();
  const kept = Object.entries(readMemory(file)).filter(([, old]) => now - old.at < REMEMBER_MS);
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, JSON.stringify(Object.fromEntries([...kept, [key, entry]])), { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // Only a cache: losing it costs one round trip at the next start.
  }
}
