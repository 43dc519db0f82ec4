import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeGitHub, startFakeGitHub } from '@toolbridge/testkit';
import { afterAll, beforeAll } from 'vitest';

export const FAKE_TOKEN = 'ghp_fakeTokenForToolbridgeTests0000000000';

/** A fake GitHub for the file's tests, and the environment that points the github server at it. */
export function useFakeGitHub(): { fake: () => FakeGitHub; env: () => Record<string, string> } {
  let fake: FakeGitHub | undefined;
  // What the github server keeps between launches (the token's scopes) stays out of the real cache.
  const cacheDir = mkdtempSync(join(tmpdir(), 'toolbridge-cli-cache-'));
  beforeAll(async () => {
    fake = await startFakeGitHub({ token: FAKE_TOKEN });
  });
  afterAll(() => fake?.close());
  return { fake: () => fake!, env: () => ({ GITHUB_API_URL: fake!.apiUrl, TOOLBRIDGE_CACHE_DIR: cacheDir }) };
}
