import { server as databaseServer } from '@toolbridge/database';
import { server as githubServer } from '@toolbridge/github';
import { server as linearServer } from '@toolbridge/linear';
import { server as sentryServer } from '@toolbridge/sentry';
import { server as slackServer } from '@toolbridge/slack';
import { describe, expect, it } from 'vitest';
import { SERVERS, serverOfCommand } from '../src/registry/index.js';
import { githubRepositoryOf } from '../src/surroundings.js';

// The registry repeats a little of each server's spec (to stay small and start fast): these keep it honest.
const specs: Record<string, { name: string; toolsets: unknown; tools: ReadonlyArray<{ name: string }>; secretEnv?: readonly string[] }> = {
  github: githubServer,
  database: databaseServer,
  sentry: sentryServer,
  slack: slackServer,
  linear: linearServer,
};

describe('the registry of servers', () => {
  it.each(SERVERS.map((entry) => [entry.id, entry] as const))('%s matches its server: bin, toolsets, identity tool, secret variables', (id, entry) => {
    const spec = specs[id]!;
    expect(spec.name).toBe(entry.bin);
    expect(entry.toolsets).toEqual(spec.toolsets);
    expect(spec.tools.map((tool) => tool.name)).toContain(entry.identity.tool);
    for (const variable of entry.variables.filter((candidate) => candidate.secret)) expect(spec.secretEnv).toContain(variable.name);
    for (const alternative of entry.variables.flatMap((variable) => variable.alternatives ?? [])) expect(spec.secretEnv).toContain(alternative);
  });

  it('recognises a server by the command line a client runs', () => {
    expect(serverOfCommand('npx', ['-y', '@toolbridge/github', '--config', 'x.json'])?.id).toBe('github');
    expect(serverOfCommand('npx', ['-y', '@toolbridge/database@0.1.0'])?.id).toBe('database');
    expect(serverOfCommand('toolbridge-github', [])?.id).toBe('github');
    expect(serverOfCommand('/usr/local/bin/node', ['/app/node_modules/@toolbridge/github/dist/bin.js'])?.id).toBe('github');
    expect(serverOfCommand('npx', ['-y', '@modelcontextprotocol/server-github'])).toBeUndefined();
  });

  it('reads a GitHub repository from the remote URL forms git uses', () => {
    expect(githubRepositoryOf('git@github.com:octo-org/hello-world.git')).toBe('octo-org/hello-world');
    expect(githubRepositoryOf('https://github.com/octo-org/hello-world')).toBe('octo-org/hello-world');
    expect(githubRepositoryOf('https://user@github.com/octo-org/hello.world.git\n')).toBe('octo-org/hello.world');
    expect(githubRepositoryOf('ssh://git@github.com/octo-org/hello-world.git')).toBe('octo-org/hello-world');
    expect(githubRepositoryOf('git@gitlab.com:octo-org/hello-world.git')).toBeUndefined();
  });
});
