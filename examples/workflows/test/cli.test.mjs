import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const cwd = new URL('..', import.meta.url);
const run = (...args) => promisify(execFile)(process.execPath, ['run.mjs', ...args], { cwd });

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

it('runs on a fresh clone, without the shared API descriptions: the fakes then serve unchecked', async () => {
  const env = { ...process.env, TOOLBRIDGE_API_SPECS: join(tmpdir(), 'toolbridge-no-api-specs-here') };
  const { stdout } = await promisify(execFile)(process.execPath, ['run.mjs', 'customer-support'], { cwd, env });
  expect(stdout).toMatch(/sentry › sentry_get_user_feedback .*\n +✓ WEB-1: 3 reports/);
  expect(stdout).toMatch(/slack › slack_send_message .*\n +✓ posted to #engineering-urgent/);
  expect(stdout).toContain('demo done.');
});
