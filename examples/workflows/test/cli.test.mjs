import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = (...args) => promisify(execFile)(process.execPath, ['run.mjs', ...args], { cwd: new URL('..', import.meta.url) });

it('--list names the four scenarios', async () => {
  const { stdout } = await run('--list');
  expect(stdout.split('\n').map((line) => line.split(' ')[0])).toEqual(['bug-analysis', 'weekly-sync', 'customer-support', 'release', '']);
});

it('--json writes one JSON object a line, steps with server, tool, args and outcome', async () => {
  const { stdout } = await run('release', '--json');
  const events = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['servers', 'scenario', 'step', 'summary', 'end']));
  expect(events.find((event) => event.type === 'step')).toMatchObject({ step: 1, server: 'github', tool: 'github_list_issues', outcome: 'ok' });
  expect(events.at(-1)).toMatchObject({ type: 'end', failures: [] });
  expect(stdout).not.toContain('\x1b[');
});

it('an unknown scenario is an error naming the ones there are', async () => {
  await expect(run('nope')).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('usage: pnpm demo [bug-analysis|weekly-sync|customer-support|release|all]'),
  });
});
