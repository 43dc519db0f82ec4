import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectServer } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { FAKE_KEY, FAKE_OAUTH, openSession, packageDir } from './support/session.js';

describe('rate limits', () => {
  it('waits out RATELIMITED (a GraphQL error in a 400, the reset in x-ratelimit-requests-reset) and succeeds in the same call', async () => {
    const session = await openSession();
    try {
      session.fake.rateLimited({ resetMs: 1_000 });
      const started = Date.now();
      const workspace = await session.ok('linear_get_workspace');
      expect(workspace.viewer).toBe('Ada Lovelace <ada@acme.test>');
      expect(Date.now() - started).toBeGreaterThanOrEqual(500);
      expect(session.fake.requests).toHaveLength(2);
    } finally {
      await session.close();
    }
  });

  it('waits out an HTTP 429 as well', async () => {
    const session = await openSession();
    try {
      session.fake.rateLimited({ resetMs: 500, status: 429 });
      expect((await session.ok('linear_get_issue', { issue: 'ENG-1' })).id).toBe('ENG-1');
      expect(session.fake.requests).toHaveLength(2);
    } finally {
      await session.close();
    }
  });

  it('says when the limit resets instead of waiting longer than a call may', async () => {
    const session = await openSession();
    try {
      session.fake.rateLimited({ resetMs: 20 * 60_000, times: 5 });
      const text = await session.fails('linear_get_issue', { issue: 'ENG-1' });
      expect(text).toMatch(/Linear rate limit exhausted \(Rate limit exceeded, please try again later\); it resets at .* \(in 1[12]\d\d s\)/);
      expect(session.fake.requests).toHaveLength(1);
    } finally {
      await session.close();
    }
  });
});

describe('credentials', () => {
  it('sends a personal key raw and an OAuth token as Bearer', async () => {
    const personal = await openSession();
    try {
      await personal.ok('linear_get_issue', { issue: 'ENG-1' });
      expect(personal.fake.requests[0]?.headers.authorization).toBe(FAKE_KEY);
    } finally {
      await personal.close();
    }
    const oauth = await openSession({ env: { LINEAR_API_KEY: FAKE_OAUTH } });
    try {
      await oauth.ok('linear_get_issue', { issue: 'ENG-1' });
      expect(oauth.fake.requests[0]?.headers.authorization).toBe(`Bearer ${FAKE_OAUTH}`);
    } finally {
      await oauth.close();
    }
  });

  it('explains a refused key with what to set, and never shows the key: not in errors, logs or the audit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'linear-audit-'));
    const wrong = 'lin_api_wrongKeyThatMustNeverBeShown0000000000000';
    const session = await openSession({ env: { LINEAR_API_KEY: wrong }, args: ['--audit-log', join(dir, 'audit.log'), '--log-level', 'debug'] });
    try {
      const text = await session.fails('linear_search_issues', { team: 'ENG' });
      expect(text).toMatch(/Linear returned 400: the key in LINEAR_API_KEY is missing, invalid or expired: You need to authenticate to access this operation/);
      expect(text).toMatch(/personal API key/);
      const created = await session.server.call('linear_add_comment', { issue: 'ENG-1', body: `my key is ${wrong}` });
      expect(created.isError).toBe(true);
      for (const output of [text, created.text, session.server.stderr(), readFileSync(join(dir, 'audit.log'), 'utf8')]) {
        expect(output).not.toContain(wrong);
        expect(output).not.toContain('wrongKeyThatMustNeverBeShown');
      }
    } finally {
      await session.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts without a key, lists its tools, and each call says what to set', async () => {
    const server = await connectServer(packageDir, { env: {} });
    try {
      const { tools } = await server.client.listTools();
      expect(tools).toHaveLength(13);
      expect(server.client.getInstructions()).toMatch(/No Linear API key is configured yet/);
      const result = await server.call('linear_get_workspace', {});
      expect(result).toMatchObject({
        isError: true,
        text: expect.stringMatching(
          /no Linear token is set\. Set LINEAR_API_KEY, or run `toolbridge login linear` once, and restart the server\. Create a personal API key in Linear/,
        ),
      });
    } finally {
      await server.close();
    }
  });

  it('offers only the reads with --read-only, and a toolset alone with --toolsets', async () => {
    const readOnly = await connectServer(packageDir, { env: { LINEAR_API_KEY: FAKE_KEY }, args: ['--read-only'] });
    try {
      const names = (await readOnly.client.listTools()).tools.map((tool) => tool.name);
      expect(names).toHaveLength(9);
      expect(names.filter((name) => /create|update|add/.test(name))).toEqual([]);
    } finally {
      await readOnly.close();
    }
    const insights = await connectServer(packageDir, { env: { LINEAR_API_KEY: FAKE_KEY }, args: ['--toolsets', 'insights'] });
    try {
      expect((await insights.client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([
        'linear_get_issues_for_release',
        'linear_get_team_progress',
        'linear_get_team_velocity',
      ]);
    } finally {
      await insights.close();
    }
  });

  it('uses LINEAR_TEAM as the default team, by key or name', async () => {
    const session = await openSession({ env: { LINEAR_TEAM: 'Design' } });
    try {
      const created = await session.ok('linear_create_issue', { title: 'Moodboard', labels: ['UX'] });
      expect(created).toMatchObject({ id: 'DES-3', labels: ['UX'] });
      expect((await session.ok('linear_get_workspace')).default_team).toBe('Design');
      expect(await session.fails('linear_get_team_velocity', { team: 'Ops' })).toContain('no team "Ops"; teams are: ENG (Engineering), DES (Design)');
    } finally {
      await session.close();
    }
    const misconfigured = await openSession({ env: { LINEAR_TEAM: 'Ops' } });
    try {
      const text = await misconfigured.fails('linear_create_issue', { title: 'x' });
      expect(text).toContain('no team "Ops" (LINEAR_TEAM); teams are: ENG (Engineering), DES (Design)');
      expect(text).toContain('Set LINEAR_TEAM to one of those keys');
      expect(session.fake.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
