// Customer support: errors users reported more than once become a GitHub issue (or a comment on the one
// that exists), an urgent Linear issue when many users are hit, and an alert in Slack #engineering-urgent.
import { records } from '@toolbridge/core';

export const title = 'Customer support: Sentry user feedback → GitHub issue or comment → urgent Linear issue → Slack alert';

export default async function customerSupport({ github, sentry, linear, slack, unfence, story }) {
  const { owner, repo } = story.REPO;
  const feedback = await sentry(
    'sentry_get_user_feedback',
    { project: 'web', min_reports: 2 },
    {
      show: (f) =>
        records(f.issues)
          .map((item) => `${item.short_id}: ${item.reports} reports`)
          .join(', '),
    },
  );

  for (const reported of feedback ? records(feedback.issues) : []) {
    const error = await sentry('sentry_get_error_details', { issue: reported.short_id }, { show: (e) => `${e.title} · ${e.users} users` });
    if (!error) continue;
    // The crashing function (the culprit) is what a customer's issue most likely names.
    const keyword = error.culprit.split('(')[0].trim();
    const quotes = reported.comments.map((comment) => `> ${unfence(comment)}`).join('\n');
    const search = await github(
      'github_search_issues',
      { q: `repo:${owner}/${repo} is:issue is:open ${keyword}` },
      {
        show: (s) =>
          `${s.total_count} open: ${records(s.items)
            .map((item) => `#${item.number}`)
            .join(', ')}`,
      },
    );
    const existing = search && records(search.items)[0];
    const body = `${reported.reports} users reported ${error.short_id} (${error.users} affected): ${error.permalink}\n\n${quotes}`;
    const githubIssue = existing
      ? await github('github_add_comment', { owner, repo, issue_number: existing.number, body }, { show: () => `commented on #${existing.number}` })
      : await github('github_create_issue', { owner, repo, title: error.title, body, labels: ['bug'] }, { show: (i) => `opened #${i.number}` });

    // Many users hit: the Linear issue for this error becomes urgent (made if there is none yet).
    const urgent = error.users > 100;
    const known =
      urgent &&
      (await linear(
        'linear_search_issues',
        { text: error.short_id, team: story.LINEAR_TEAM },
        { show: (found) => `${found.issues.rows.length} Linear issues name ${error.short_id}` },
      ));
    const ticket =
      known?.issues.rows.length > 0
        ? await linear(
            'linear_update_issue',
            { issue: records(known.issues)[0].id, priority: 'urgent', comment: body },
            { show: (updated) => `${updated.id} now ${updated.priority}` },
          )
        : urgent &&
          (await linear(
            'linear_create_issue',
            { team: story.LINEAR_TEAM, title: `${error.short_id}: ${error.title}`, description: body, labels: ['Bug'], priority: 'urgent' },
            { show: (created) => `${created.id} (urgent) ${created.url}` },
          ));
    if (urgent) {
      const link = existing ? `https://github.com/${owner}/${repo}/issues/${existing.number}` : githubIssue?.url;
      await slack(
        'slack_send_message',
        {
          channel: '#engineering-urgent',
          text: `:sos: ${reported.reports} customer reports of ${error.short_id} (${error.users} users). ${link ?? ''}${ticket ? ` · ${ticket.url ?? ticket.comment_url}` : ''}`,
        },
        { show: (sent) => `posted to #engineering-urgent at ${sent.ts}` },
      );
    }
  }
}
