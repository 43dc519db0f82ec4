// Release: check nothing blocks it, commit the version bump and changelog, publish the GitHub release,
// close the release's Linear issues with a comment, and announce it in Slack #releases.
import { records } from '@toolbridge/core';

export const title = 'Release: pre-release checks → version bump + CHANGELOG commit → GitHub release → Linear issues closed → Slack';

export default async function release({ github, linear, slack, note, unfence, story }) {
  const { owner, repo } = story.REPO;
  const blockers = await github(
    'github_list_issues',
    { owner, repo, labels: ['blocker'], state: 'open' },
    { show: (list) => `${list.issues.rows.length} open blockers` },
  );
  const failing = await github(
    'github_list_workflow_runs',
    { owner, repo, branch: 'main', status: 'failure' },
    { show: (runs) => `${runs.total_count} failing runs on main` },
  );
  if (!blockers || !failing || blockers.issues.rows.length > 0 || failing.total_count > 0) return note('Release held: a check failed or found a blocker.');

  const latest = await github('github_get_latest_release', { owner, repo }, { show: (r) => `latest ${r.tag} (${r.published_at})` });
  const [major, minor, patch] = latest.tag.replace(/^v/, '').split('.').map(Number);
  const version = `${major}.${minor}.${patch + 1}`;
  const merged = await github(
    'github_list_pull_requests',
    { owner, repo, state: 'closed', sort: 'updated', direction: 'desc' },
    { show: (list) => `${list.pull_requests.rows.length} closed PRs` },
  );
  const shipped = (merged ? records(merged.pull_requests) : []).filter((pull) => pull.state === 'merged' && pull.updated_at > latest.published_at);
  const issues = await linear(
    'linear_get_issues_for_release',
    { team: story.LINEAR_TEAM, label: story.RELEASE_LABEL },
    { show: (list) => `${list.issues.rows.length} Linear issues` },
  );
  const tracked = (issues ? records(issues.issues) : []).map((issue) => issue.id);
  const notes = [...shipped.map((pull) => `- ${pull.title} (#${pull.number})`), ...(tracked.length ? [`- Linear: ${tracked.join(', ')}`] : [])].join('\n');

  const manifest = await github('github_get_file', { owner, repo, path: 'package.json' }, { show: (file) => `${file.path} ${file.size} bytes` });
  const changelog = await github('github_get_file', { owner, repo, path: 'CHANGELOG.md' }, { show: (file) => `${file.path} ${file.size} bytes` });
  const bumped = unfence(manifest.content).replace(/"version": "[^"]+"/, `"version": "${version}"`);
  const history = unfence(changelog.content).replace(/^# Changelog\n\n/, '');
  const commit = await github(
    'github_create_commit',
    {
      owner,
      repo,
      message: `Release ${version}`,
      files: [
        { path: 'package.json', content: bumped },
        { path: 'CHANGELOG.md', content: `# Changelog\n\n## ${version}\n\n${notes}\n\n${history}` },
      ],
    },
    { show: (c) => `${c.sha.slice(0, 7)} on ${c.branch}, ${c.files_changed} files` },
  );
  const published = await github(
    'github_create_release',
    { owner, repo, tag: `v${version}`, target: commit?.sha, name: `web ${version}`, body: notes },
    { show: (r) => r.html_url },
  );

  for (const issue of issues ? records(issues.issues) : []) {
    await linear(
      'linear_update_issue',
      { issue: issue.id, state: 'Done', comment: `Released in v${version}: ${published?.html_url}` },
      { show: (u) => `${u.id} → ${u.state}` },
    );
  }
  await slack(
    'slack_send_message',
    { channel: '#releases', text: `:rocket: web ${version} is out: ${published?.html_url}\n${notes}` },
    { show: (sent) => `posted to #releases at ${sent.ts}` },
  );
}
