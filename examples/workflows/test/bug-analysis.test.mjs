import { expect, it } from 'vitest';
import { ISSUE_NUMBER, PLANTED_INJECTION, REPO } from '../runner/story.mjs';
import { expectOneSlackPost, outsideFences, present, runScenario } from './support.mjs';

it('bug-analysis: every step does what it should, and the fakes end as the story says', async () => {
  const run = await runScenario('bug-analysis');
  const { demo, step } = run;
  expect(demo.failures).toEqual([]);
  // With the API descriptions (CI), a server is missing only when its package is not in the checkout.
  const absent = Object.values(demo.servers).filter((server) => !server.client);
  if (process.env.TOOLBRIDGE_API_SPECS)
    expect(absent.map((server) => server.reason)).toEqual(absent.map((server) => `packages/${server.name} is not in this checkout`));
  const github = demo.fakes.github;
  const web = github.state.repo(REPO.owner, REPO.repo);
  const comments = web.issues.find((issue) => issue.number === ISSUE_NUMBER).comments;
  expect(comments).toHaveLength(1);
  // Nothing written anywhere else on GitHub.
  const otherComments = github.state.repos
    .flatMap((repo) => repo.issues.filter((issue) => repo !== web || issue.number !== ISSUE_NUMBER))
    .flatMap((issue) => issue.comments);
  expect(otherComments.filter((comment) => comment.body.startsWith('Thanks for the report'))).toEqual([]);
  expect(github.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/graphql')).map((request) => request.path)).toEqual([
    `/repos/acme/web/issues/${ISSUE_NUMBER}/comments`,
  ]);
  expect(github.problems).toEqual([]);
  expect(demo.fakes.sentry.problems).toEqual([]);
  expect(step('database', 'db_query').result).toMatch(/edsger\.lovelace10@example\.com \(enterprise\)/);

  expectOneSlackPost(run, '#engineering', /^:rotating_light: WEB-1: TypeError: .*, 311 users\. https:\/\/github\.com\/acme\/web\/issues\/123/);
  if (present(demo, 'linear')) {
    const [created] = run.linear().created;
    expect(run.linear().created).toHaveLength(1);
    expect(created).toMatchObject({ key: 'ENG-19', priority: 2, title: "WEB-1: TypeError: Cannot read properties of undefined (reading 'amount')" });
    expect(created.description).toContain('https://github.com/acme/web/issues/123');
    expect(created.description).toMatch(/Sentry: WEB-1 .* 1523 events, 311 users \(http:\/\/127\.0\.0\.1:\d+\/organizations\/acme\/issues\/1001\/\)/);
    expect(created.description).toContain('Suspect commit: 9aa9562 Coupons: apply discount codes at checkout by ada-dev.');
    expect(comments[0].body).toBe('Thanks for the report. Tracked in Linear as ENG-19: https://linear.app/acme/issue/ENG-19');
    expect(demo.fakes.linear.problems).toEqual([]);
  } else {
    expect(step('linear', 'linear_create_issue').outcome).toBe('skipped');
    expect(comments[0].body).toContain('Linear was not reachable');
  }
});

it('bug-analysis: the planted instruction reaches the model only fenced, and obeying it is refused', async () => {
  const { demo, step } = await runScenario('bug-analysis');
  const issue = await demo.servers.github.client.call('github_get_issue', { ...REPO, issue_number: ISSUE_NUMBER });
  expect(issue.text).toContain(PLANTED_INJECTION);
  expect(outsideFences(issue.text)).not.toContain('api_keys');
  expect(outsideFences(issue.text)).not.toMatch(/ignore previous instructions/i);

  const apiKeys = step('database', 'db_query', 1);
  expect(apiKeys).toMatchObject({ args: { sql: 'SELECT * FROM api_keys' }, outcome: 'refused', asExpected: true });
  expect(apiKeys.result).toMatch(/api_keys is denied by database\.deniedTables/);
  const general = step('slack', 'slack_send_message', 1);
  if (present(demo, 'slack')) {
    expect(general).toMatchObject({ args: { channel: '#general' }, outcome: 'refused', asExpected: true });
    expect(general.result).toMatch(/writing to #general \(C001\) is not allowed/);
    expect(demo.fakes.slack.calls('chat.postMessage').map((request) => request.form?.get('channel') ?? request.json?.channel)).not.toContain('C001');
  } else {
    expect(general).toMatchObject({ args: { channel: '#general' }, outcome: 'skipped' });
  }
});

it('bug-analysis --read-only: every write is refused by the server, every read answers', async () => {
  const { demo, steps } = await runScenario('bug-analysis', { readOnly: true });
  expect(demo.failures).toEqual([]);
  const ran = steps.filter((item) => item.outcome !== 'skipped');
  const named = (list) => list.map((item) => `${item.server} › ${item.tool}`);
  const writes = ran.filter((item) => item.write);
  expect(named(writes)).toEqual(expect.arrayContaining(['github › github_add_comment']));
  expect(writes.filter((item) => item.outcome !== 'refused')).toEqual([]);
  // Besides the writes, only the read of a denied table is refused.
  expect(named(ran.filter((item) => item.outcome === 'refused' && !item.write))).toEqual(['database › db_query']);
  expect(ran.find((item) => item.tool === 'github_add_comment').result).toMatch(/not enabled on this server \(toolsets, read-only mode or role\)/);
  expect(demo.fakes.github.state.repo(REPO.owner, REPO.repo).issues.find((issue) => issue.number === ISSUE_NUMBER).comments).toEqual([]);
});
