import { records } from '@toolbridge/core';
import { SENTRY_INJECTION } from '@toolbridge/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './support/session.js';

let session: Session;
beforeAll(async () => {
  session = await openSession({ feedbackPageSize: 2, env: { SENTRY_PROJECT: 'web' } });
});
afterAll(async () => {
  await session?.close();
});

describe('sentry_get_user_feedback', () => {
  it("groups the period's reports by issue, most reported first, across pages, with fenced comments", async () => {
    const feedback = await session.ok('sentry_get_user_feedback', { time_range: '7d' });
    expect(feedback.total_reports).toBe(4);
    expect(records(feedback.issues).map((group: { short_id: string; reports: number }) => [group.short_id, group.reports])).toEqual([
      ['WEB-1', 3],
      ['WEB-2', 1],
    ]);
    expect(records(feedback.issues)[0]!.comments[1]).toMatch(/^<untrusted-content source="feedback by Shopper One on [^"]+">\nSame here\./);
    expect(records(feedback.issues)[0]!.comments[1]).toContain(SENTRY_INJECTION);
    // Pages of two: the fourth page would hold only reports older than the period, so it is never read.
    expect(session.fake.requests.filter((request) => request.path.endsWith('/user-feedback/'))).toHaveLength(3);
    const busy = await session.ok('sentry_get_user_feedback', { time_range: '7d', min_reports: 2 });
    expect(records(busy.issues).map((group: { short_id: string }) => group.short_id)).toEqual(['WEB-1']);
    expect(session.fake.problems).toEqual([]);
  });
});

describe('sentry_get_project_health', () => {
  it('compares the period with the one before, lists new and top issues, and crash-free rates when sessions exist', async () => {
    const health = await session.ok('sentry_get_project_health', { time_range: '24h' });
    // The fake sends 3 accepted errors an hour now and 2 before.
    expect(health).not.toHaveProperty('time_range'); // the input is not echoed
    expect(health).toMatchObject({ project: 'web', events: 72, previous_events: 48, change_pct: 50, new_issues: 1 });
    expect(records(health.new_top).map((issue: { short_id: string }) => issue.short_id)).toEqual(['WEB-1']);
    expect(records(health.top_issues).map((issue: { short_id: string }) => issue.short_id)).toEqual(['WEB-1', 'WEB-2']);
    expect(health).toMatchObject({ crash_free_sessions_pct: 98.5, crash_free_users_pct: 99.1, sessions: 12000 });
    const stats = session.fake.requests.find((request) => request.path.endsWith('/stats_v2/'))!;
    expect(Object.fromEntries(stats.query)).toMatchObject({ statsPeriod: '48h', interval: '1h', project: '11', category: 'error' });
  });

  it('leaves crash-free rates out for a project without sessions', async () => {
    const health = await session.ok('sentry_get_project_health', { project: 'api', time_range: '7d' });
    expect(health).toMatchObject({ project: 'api', events: 168, previous_events: 168, change_pct: 0 });
    expect(health).not.toHaveProperty('crash_free_sessions_pct');
  });
});

describe('projects and releases', () => {
  it('lists projects with the slugs project arguments take', async () => {
    const { projects, organization } = await session.ok('sentry_list_projects');
    expect(organization).toBe('acme');
    expect(records(projects)).toEqual([
      { slug: 'web', id: '11', name: 'Web shop', platform: 'javascript-react', teams: ['frontend'], latest_release: 'web@1.2.0', has_sessions: true },
      { slug: 'api', id: '12', platform: 'python', teams: ['backend'], latest_release: 'api@3.4.1' },
    ]);
  });

  it('lists releases of the default project, and gives one with its commits, deploys and new issues', async () => {
    const releases = records((await session.ok('sentry_list_releases')).releases);
    expect(releases.map((release: { version: string }) => release.version)).toEqual(['web@1.2.0', 'web@1.1.0']);
    expect(releases[0]).toMatchObject({ new_issues: 1, commits: 2, deploys: 2, last_deploy: expect.stringMatching(/^production /) });
    const release = await session.ok('sentry_get_release', { version: 'web@1.2.0' });
    expect(records(release.commit_list)[0]).toEqual({
      sha: 'f00dfacef00d',
      message: 'Coupons: apply discount codes at checkout',
      author: 'Ada',
      repository: 'acme/web',
    });
    expect(records(release.deploy_list).map((deploy: { environment: string }) => deploy.environment)).toEqual(['staging', 'production']);
    expect(records(release.new_issue_list).map((issue: { short_id: string }) => issue.short_id)).toEqual(['WEB-1']);
    expect(session.fake.problems).toEqual([]);
  });
});
