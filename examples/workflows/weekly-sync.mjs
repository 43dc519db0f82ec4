// Weekly sync: the week's GitHub activity and reviews, the team's Linear progress and velocity, and the
// shop's Sentry health, written up as a Linear project update and posted to Slack #weekly-updates.
import { records } from '@toolbridge/core';

export const title = 'Weekly sync: GitHub activity + reviews, Linear progress + velocity, Sentry health → Linear update, Slack';

export default async function weeklySync({ github, sentry, linear, slack, story }) {
  const { owner, repo } = story.REPO;
  const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
  const activity = await github(
    'github_get_activity_summary',
    { owner, repo, since },
    { show: (a) => `${a.commits} commits, ${a.prs_merged} PRs merged, ${a.issues_opened} issues opened` },
  );
  const reviews = await github(
    'github_get_review_metrics',
    { owner, repo, since },
    { show: (r) => `${r.reviewed}/${r.prs_analyzed} PRs reviewed, median ${r.median_hours_to_first_review} h to first review` },
  );
  const progress = await linear(
    'linear_get_team_progress',
    { team: story.LINEAR_TEAM, since },
    { show: (p) => `${p.completed} completed, ${p.in_progress} in progress, ${p.completion_rate_pct}% of the scope done` },
  );
  const velocity = await linear('linear_get_team_velocity', { team: story.LINEAR_TEAM, cycles: 3 }, { show: (v) => `mean ${v.mean_points} points per cycle` });
  const health = await sentry(
    'sentry_get_project_health',
    { project: 'web', time_range: '7d' },
    { show: (h) => `${h.events} events (${h.change_pct > 0 ? '+' : ''}${h.change_pct}%), ${h.new_issues} new, crash-free users ${h.crash_free_users_pct}%` },
  );

  const newTop = health ? records(health.new_top) : [];
  const atRisk = newTop.some((issue) => issue.users > 100);
  const report = [
    `*Weekly sync, week of ${since}*`,
    activity && `• GitHub: ${activity.commits} commits, ${activity.prs_merged} PRs merged, ${activity.issues_opened} issues opened`,
    reviews && `• Reviews: median ${reviews.median_hours_to_first_review} h to first review, ${reviews.median_hours_to_merge} h to merge`,
    progress && `• Linear: ${progress.completed} issues completed, ${progress.in_progress} in progress`,
    velocity && `• Velocity: ${velocity.mean_points} points per cycle`,
    health && `• Sentry (web): ${health.events} errors (${health.change_pct}% vs last week), crash-free users ${health.crash_free_users_pct}%`,
    atRisk && `• At risk: ${newTop[0].short_id} ${newTop[0].title} (${newTop[0].users} users)`,
  ]
    .filter(Boolean)
    .join('\n');

  await linear(
    'linear_update_project_status',
    { project: story.LINEAR_PROJECT, health: atRisk ? 'atRisk' : 'onTrack', body: report },
    { show: (u) => `${u.health} update ${u.url ?? ''}` },
  );
  await slack('slack_send_message', { channel: '#weekly-updates', text: report }, { show: (sent) => `posted to #weekly-updates at ${sent.ts}` });
}
