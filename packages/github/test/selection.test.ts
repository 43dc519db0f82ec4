import { connectServer, type FakeGitHub, startFakeGitHub } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';
import { cacheDir, FAKE_TOKEN, packageDir } from './support/session.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ token: FAKE_TOKEN });
});
afterAll(async () => {
  await fake?.close();
});

async function listed(args: string[], env: Record<string, string> = {}) {
  const server = await connectServer(packageDir, {
    env: { TOOLBRIDGE_CACHE_DIR: cacheDir, GITHUB_API_URL: fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN, ...env },
    args,
  });
  try {
    const { tools: listedTools } = await server.client.listTools();
    return { names: listedTools.map((tool) => tool.name).sort(), instructions: server.client.getInstructions() ?? '', json: JSON.stringify(listedTools) };
  } finally {
    await server.close();
  }
}

const namesOf = (filter: (tool: (typeof tools)[number]) => boolean) =>
  tools
    .filter(filter)
    .map((tool) => tool.name)
    .sort();
const inToolsets =
  (...toolsets: string[]) =>
  (tool: (typeof tools)[number]) =>
    toolsets.includes(tool.toolset);

describe('tools/list under toolset and read-only combinations', () => {
  it('offers issues, pulls, repos and users by default, within 30 tools, and names them in the instructions', async () => {
    const { names, instructions } = await listed([]);
    expect(names).toEqual(namesOf(inToolsets('issues', 'pulls', 'repos', 'users')));
    expect(names.length).toBeLessThanOrEqual(30);
    expect(names).toContain('github_get_issue');
    expect(instructions).toMatch(/^GitHub tools \(toolsets: issues, pulls, repos, users\)\. Call github_get_me first/);
  });

  it.each([
    [['--toolsets', 'issues'], inToolsets('issues')],
    [['--toolsets', 'pulls,users'], inToolsets('pulls', 'users')],
    [['--toolsets', 'all'], () => true],
    [['--read-only'], (tool: (typeof tools)[number]) => inToolsets('issues', 'pulls', 'repos', 'users')(tool) && tool.annotations.readOnlyHint],
    [['--toolsets', 'all', '--read-only'], (tool: (typeof tools)[number]) => tool.annotations.readOnlyHint],
    [['--toolsets', 'issues', '--role', 'developer'], (tool: (typeof tools)[number]) => tool.toolset === 'issues' && !tool.annotations.destructiveHint],
  ] as const)('%j', async (args, expected) => {
    expect((await listed([...args])).names).toEqual(namesOf(expected));
  });

  it('reads the selection from GITHUB_TOOLSETS and GITHUB_READ_ONLY', async () => {
    const { names, instructions } = await listed([], { GITHUB_TOOLSETS: 'pulls', GITHUB_READ_ONLY: 'true' });
    expect(names).toEqual(['github_get_pull_request', 'github_get_pull_request_diff', 'github_list_pull_requests']);
    expect(instructions).toContain('read-only');
  });

  it('keeps the merge tool out of read-only servers and marks it destructive otherwise', async () => {
    expect((await listed(['--read-only'])).names).not.toContain('github_merge_pull_request');
    const merge = tools.find((tool) => tool.name === 'github_merge_pull_request')!;
    expect(merge.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
  });
});

describe('without a default repository', () => {
  it('does not offer github://issues/active, and says owner and repo are needed', async () => {
    const server = await connectServer(packageDir, {
      env: { TOOLBRIDGE_CACHE_DIR: cacheDir, GITHUB_API_URL: fake.apiUrl, GITHUB_PERSONAL_ACCESS_TOKEN: FAKE_TOKEN },
    });
    try {
      const { resources } = await server.client.listResources();
      expect(resources.map((resource) => resource.uri)).not.toContain('github://issues/active');
      await expect(server.client.readResource({ uri: 'github://issues/active' })).rejects.toThrow(/unknown resource github:\/\/issues\/active/);
      const call = await server.call('github_list_issues', {});
      expect(call).toMatchObject({ isError: true, text: expect.stringMatching(/owner and repo are required.*GITHUB_REPOSITORY/s) });
    } finally {
      await server.close();
    }
  });
});
