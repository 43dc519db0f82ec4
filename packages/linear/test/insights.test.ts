import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';

// The figures are computed by hand from the seeded workspace (see createLinearState in testkit).
describe('insights', () => {
  const session = useSession();

  /** Requests a call sends once the workspace read is cached. */
  async function requestsOf(name: string, args: Record<string, unknown>) {
    const { ok, fake } = session();
    await ok('linear_get_workspace');
    const before = fake.requests.length;
    const result = await ok(name, args);
    return { result, requests: fake.requests.length - before };
  }

  it('linear_get_team_progress counts the last 7 days of ENG in one request', async () => {
    const { result, requests } = await requestsOf('linear_get_team_progress', { team: 'ENG' });
    expect(requests).toBe(1);
    expect(result).toMatchObject({
      team: 'ENG',
      scope_start: 5, // ENG-2, 3, 4, 6, 7
      added: 2, // ENG-5, ENG-8
      completed: 2, // ENG-2, ENG-8
      completed_points: 6,
      started: 3, // ENG-2, ENG-3, ENG-8
      in_progress: 2, // ENG-3, ENG-4
      canceled: 1, // ENG-6
      scope_end: 6,
      completion_rate_pct: 33.3,
      scope_change_pct: 20,
      complete: true,
    });
  });

  it('linear_get_team_progress over a closed range in the past', async () => {
    // 13 to 8 days ago: ENG-1 completed (10 days ago, 3 points), ENG-4 started (10), ENG-2 created (12), ENG-3 created (9).
    const now = Date.now();
    const day = 86_400_000;
    const { result } = await requestsOf('linear_get_team_progress', {
      team: 'Engineering',
      since: new Date(now - 13 * day).toISOString(),
      until: new Date(now - 8 * day).toISOString(),
    });
    expect(result).toMatchObject({ scope_start: 4, added: 2, completed: 1, completed_points: 3, started: 2, canceled: 0, scope_end: 6 });
  });

  it('linear_get_team_velocity gives points per completed cycle and their mean in one request', async () => {
    const { result, requests } = await requestsOf('linear_get_team_velocity', { team: 'ENG' });
    expect(requests).toBe(1);
    expect(records(result.cycles).map((cycle: { number: number; completed_points: number }) => [cycle.number, cycle.completed_points])).toEqual([
      [2, 8],
      [3, 3],
      [4, 6],
    ]);
    expect(records(result.cycles)[2]).toMatchObject({ completed_issues: 3, unestimated: 1 });
    expect(result.mean_points).toBe(5.7);
    const all = (await requestsOf('linear_get_team_velocity', { team: 'ENG', cycles: 12 })).result;
    expect(all.cycles.rows).toHaveLength(4);
    expect(all.mean_points).toBe(5.5);
  });

  it('linear_get_team_velocity says when a team has no completed cycle', async () => {
    const { fails } = session();
    expect(await fails('linear_get_team_velocity', { team: 'DES' })).toContain('team DES has no completed cycle yet');
  });

  it('linear_get_issues_for_release by label, milestone or cycle, in one request', async () => {
    const byLabel = await requestsOf('linear_get_issues_for_release', { label: 'v2.0' });
    expect(byLabel.requests).toBe(1);
    expect(byLabel.result).toMatchObject({
      release: 'label v2.0',
      total: 3,
      completed: 1,
      open: 2,
      completion_pct: 33.3,
      points_total: 8,
      points_completed: 5,
      by_state: { Done: 1, 'In Progress': 1, Todo: 1 },
    });
    expect(records(byLabel.result.issues).map((issue: { id: string }) => issue.id)).toEqual(['ENG-3', 'ENG-5', 'ENG-2']);
    const beta = (await requestsOf('linear_get_issues_for_release', { milestone: 'Beta', project: 'Mobile App' })).result;
    expect(beta).toMatchObject({ release: 'milestone Beta', total: 2, completed: 1, completion_pct: 50 });
    const cycle = (await requestsOf('linear_get_issues_for_release', { cycle: 'current', team: 'ENG' })).result;
    expect(cycle).toMatchObject({ release: 'cycle current of ENG', total: 4, completed: 2, completion_pct: 50, points_total: 16, points_completed: 6 });
  });

  it('linear_get_issues_for_release wants exactly one way to name the release', async () => {
    const { fails, fake } = session();
    expect(await fails('linear_get_issues_for_release', { label: 'v2.0', cycle: '5' })).toContain('exactly one of label, milestone or cycle');
    expect(await fails('linear_get_issues_for_release', { cycle: '5' })).toContain('a cycle number belongs to a team');
    expect(await fails('linear_get_issues_for_release', { milestone: 'Gamma' })).toContain(
      'no milestone "Gamma"; milestones are: Mobile App: Beta, Mobile App: GA',
    );
    expect(await fails('linear_get_issues_for_release', { milestone: 'Beta', project: 'Website Redesign' })).toContain(
      'no milestone "Beta" in that project; milestones are: (none)',
    );
    expect(fake.problems).toEqual([]);
  });
});
