import { createLinearState } from '@toolbridge/testkit';
import { describe, expect, it } from 'vitest';
import { openSession } from './support/session.js';

/** A workspace larger than the cached read's pages: 300 more users, 120 more projects, 260 more labels. */
function largeWorkspace() {
  const state = createLinearState();
  const old = state.now - 400 * 86_400_000;
  for (let n = 1; n <= 300; n++) {
    state.users.push({ id: `u-${n}`, name: `User ${n}`, displayName: `user${n}`, email: `user${n}@acme.test`, active: true });
  }
  for (let n = 1; n <= 120; n++) {
    state.projects.push({
      id: `p-${n}`,
      name: `Project ${n}`,
      slugId: `slug${n}`,
      description: '',
      state: 'completed',
      leadId: null,
      teamIds: [state.teams[0]!.id],
      startDate: null,
      targetDate: null,
      progress: 1,
      createdAt: old + n,
      updatedAt: old + n,
    });
  }
  for (let n = 1; n <= 260; n++) state.labels.push({ id: `l-${n}`, name: `area-${n}`, teamId: null, color: '#000000' });
  return state;
}

describe('a workspace larger than the cached read', () => {
  it('resolves names past its pages with one small search each, and still lists the choices when a name is unknown', async () => {
    const session = await openSession({ state: largeWorkspace() });
    try {
      expect((await session.ok('linear_get_workspace')).cut).toEqual(['labels: first 250', 'users: first 250', 'projects: first 100']);
      const before = session.fake.requests.length;
      const created = await session.ok('linear_create_issue', {
        title: 'Deep names',
        team: 'ENG',
        assignee: 'user290@acme.test',
        project: 'project 3',
        labels: ['Bug', 'area-255'],
      });
      expect(created).toMatchObject({ assignee: 'User 290', project: 'Project 3', labels: ['Bug', 'area-255'] });
      // The create itself, and one search for each of the user, the project and the label.
      expect(session.fake.requests.length - before).toBe(4);
      expect(await session.fails('linear_search_issues', { project: 'Project 999' })).toContain('no project "Project 999"; projects are: ');
      expect(session.fake.problems).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
