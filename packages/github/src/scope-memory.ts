import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, describeError, sha256Hex, writeCacheFile } from '@toolbridge/core';
import type { GitHubContext } from './define.js';
import { hasScopes, probeScopes } from './scopes.js';
import { githubUpstream } from './upstream.js';

/** How long scopes learned at one start are trusted at the next ones. */
const REMEMBER_MS = 24 * 60 * 60 * 1000;
const FILE = 'github-token-scopes.json';

interface Remembered {
  /** null: GitHub sent no X-OAuth-Scopes for this token. */
  scopes: string[] | null;
  at: number;
}

export interface TokenScopes {
  /** What an earlier start learned for this token and API (under a day old), if anything. */
  remembered?: string[];
  /** Asks GitHub (one GET /user) and remembers the answer for the next starts: work for an idle moment. */
  probe: () => Promise<string[] | undefined>;
}

/**
 * The token's scopes without a round trip before the tool list: what an earlier start learned for the
 * same token and API (kept under a hash, never the token), and a probe for start()'s idle work. A token
 * without scopes (fine-grained, app) has nothing to probe. A token whose scopes changed loses tools at
 * once (tools/list_changed) and gains them at the next start.
 */
export function tokenScopes(context: GitHubContext, apiUrl: string): TokenScopes {
  const token = context.credentials.peek()?.token;
  if (!hasScopes(token)) return { probe: async () => undefined };
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
        context.logger.warning(`could not check the token's scopes (${describeError(error, githubUpstream)}); no tool is hidden for lack of scopes`);
        return undefined;
      },
    );
  const fresh = remembered && Date.now() - remembered.at < REMEMBER_MS;
  return { ...(fresh && remembered.scopes ? { remembered: remembered.scopes } : {}), probe };
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
  // Only a cache: losing it costs one round trip at the next start.
  writeCacheFile(file, JSON.stringify(Object.fromEntries([...kept, [key, entry]])));
}
