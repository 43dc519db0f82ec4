import { expect, it } from 'vitest';
import { ISSUE_NUMBER, REPO } from '../runner/story.mjs';
import { expectOneSlackPost, present, runScenario } from './support.mjs';

const web = (demo) => demo.fakes.github.state.repo(REPO.owner, REPO.repo);
/** Paths of the REST writes the fake GitHub received. */
const githubWrites = (demo) =>
  demo.fakes.github.requests
    .filter((request) => request.method !== 'GET' && !request.path.endsWith('/graphql'))
    .map((request) => `${request.method} ${request.path}`);

it('weekly-sync: reads every service, writes only the report', async () => {
  const run = await runScenario('weekly-sync');
  const { demo, step } = run;
  expect(demo.failures).toEqual([]);
  expect(step('github', 'github_get_activity_summary').result).toMatch(/^3 commits, 3 PRs merged/);
  expect(step('sentry', 'sentry_get_project_health').result).toMatch(/504 events \(\+50%\)/);
  expect(githubWrites(demo)).toEqual([]);
  expect(demo.fakes.sentry.state.updates).toEqual([]);
  expectOneSlackPost(run, '#weekly-updates', /^\*Weekly sync, week of .*\n• GitHub: 3 commits, 3 PRs merged[\s\S]*• At risk: WEB-1/);
  if (present(demo, 'linear')) {
    const { state } = demo.fakes.linear;
    const update = state.projectUpdates.at(-1);
    expect(state.projects.find((project) => project.id === update.projectId).name).toBe('Checkout');
    expect(update.health).toBe('atRisk');
    expect(update.body).toContain('• Linear: 2 issues completed, 4 in progress\n• Velocity: 5.7 points per cycle');
    expect(run.linear().created).toEqual([]);
  } else {
    expect(step('linear', 'linear_update_project_status')).toMatchObject({ outcome: 'skipped', args: { health: 'atRisk' } });
  }
});

it('customer-support: the reports land on the existing GitHub issue, quoted as the users wrote them', async () => {
  const run = await runScenario('customer-support');
  const { demo, step } = run;
  expect(demo.failures).toEqual([]);
  expect(githubWrites(demo)).toEqual([`POST /repos/acme/web/issues/${ISSUE_NUMBER}/comments`]);
  const [comment] = web(demo).issues.find((issue) => issue.number === ISSUE_NUMBER).comments;
  expect(comment.body).toMatch(/^3 users reported WEB-1 \(311 affected\)/);
  expect(comment.body).toContain('> Checkout broke when I used my coupon!');
  expect(web(demo).issues.map((issue) => issue.number)).toEqual([ISSUE_NUMBER, 120]);
  expectOneSlackPost(run, '#engineering-urgent', /^:sos: 3 customer reports of WEB-1 \(311 users\)\. https:\/\/github\.com\/acme\/web\/issues\/123/);
  if (present(demo, 'linear')) {
    expect(run.linear().created.map(({ key, priority, title }) => ({ key, priority, title }))).toEqual([
      { key: 'ENG-19', priority: 1, title: "WEB-1: TypeError: Cannot read properties of undefined (reading 'amount')" },
    ]);
    expect(run.slackPosts()[0].text).toContain('https://linear.app/acme/issue/ENG-19');
  } else {
    expect(step('linear', 'linear_search_issues')).toMatchObject({ outcome: 'skipped', args: { text: 'WEB-1' } });
  }
});

it('release: bumps the version, writes the changelog and publishes the release', async () => {
  const run = await runScenario('release');
  const { demo } = run;
  expect(demo.failures).toEqual([]);
  const repo = web(demo);
  expect(repo.commits[0].message).toBe('Release 1.2.1');
  expect(JSON.parse(repo.files['package.json']).version).toBe('1.2.1');
  const linearLine = present(demo, 'linear') ? '- Linear: ENG-17, ENG-18\n' : '';
  expect(repo.files['CHANGELOG.md']).toBe(
    `# Changelog\n\n## 1.2.1\n\n- Guard a coupon without a discount (#124)\n${linearLine}\n## 1.2.0\n\n- Coupons at checkout\n`,
  );
  expect(repo.releases.find((release) => release.tag_name === 'v1.2.1')).toMatchObject({ target_commitish: repo.commits[0].sha, draft: false });
  expect(demo.fakes.github.problems).toEqual([]);
  // Nothing else written on GitHub: no issue, no comment.
  expect(githubWrites(demo).filter((write) => write.includes('/issues'))).toEqual([]);
  expectOneSlackPost(
    run,
    '#releases',
    /^:rocket: web 1\.2\.1 is out: https:\/\/github\.com\/acme\/web\/releases\/tag\/v1\.2\.1\n- Guard a coupon without a discount \(#124\)/,
  );
  if (present(demo, 'linear')) {
    const linear = run.linear();
    for (const key of ['ENG-17', 'ENG-18']) {
      expect(linear.stateName(linear.issue(key))).toBe('Done');
      expect(linear.comments(key)).toEqual(['Released in v1.2.1: https://github.com/acme/web/releases/tag/v1.2.1']);
    }
    expect(linear.created).toEqual([]);
  }
});
