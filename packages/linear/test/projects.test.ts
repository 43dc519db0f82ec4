import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { useFreshSession } from './support/session.js';

describe('projects', () => {
  const session = useFreshSession();

  it('linear_list_projects lists projects with progress and health, filtered by team and state', async () => {
    const { ok, fake } = session();
    const all = await ok('linear_list_projects');
    expect(records(all.projects)).toEqual([
      { name: 'Mobile App', state: 'started', progress_pct: 40, health: 'onTrack', lead: 'Ada Lovelace', target: expect.any(String), teams: ['ENG'] },
      { name: 'Website Redesign', state: 'planned', progress_pct: 0, lead: 'Grace Hopper', teams: ['DES'] },
    ]);
    expect(records((await ok('linear_list_projects', { team: 'Design' })).projects).map((project: { name: string }) => project.name)).toEqual([
      'Website Redesign',
    ]);
    expect(records((await ok('linear_list_projects', { state: 'started' })).projects).map((project: { name: string }) => project.name)).toEqual(['Mobile App']);
    expect(fake.problems).toEqual([]);
  });

  it('linear_get_project shows milestones with progress, issue counts by state type and fenced updates', async () => {
    const { ok, fake } = session();
    const project = await ok('linear_get_project', { project: 'mobile app' });
    expect(project).toMatchObject({
      name: 'Mobile App',
      url: 'https://linear.app/acme/project/3f9a1c2b7d4e',
      state: 'started',
      health: 'onTrack',
      teams: ['ENG'],
      issues_by_state: { completed: 1, started: 1, unstarted: 1 },
    });
    expect(records(project.milestones)).toEqual([
      { name: 'Beta', progress_pct: 50, target: expect.any(String) },
      { name: 'GA', progress_pct: 0, target: expect.any(String) },
    ]);
    const updates = records(project.updates);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ author: 'Ada Lovelace', health: 'onTrack' });
    expect(updates[0]!.body).toMatch(/^<untrusted-content source="update of project Mobile App">/);
    expect(fake.problems).toEqual([]);
  });

  it('linear_update_project_status posts an update with health and a markdown body', async () => {
    const { ok, fails, fake } = session();
    const posted = await ok('linear_update_project_status', { project: 'Mobile App', health: 'atRisk', body: 'Beta slips a week:\\n- crash on save' });
    expect(posted).toMatchObject({ project: 'Mobile App', health: 'atRisk', url: expect.stringContaining('/project/3f9a1c2b7d4e/updates#') });
    expect(fake.state.projectUpdates.at(-1)).toMatchObject({ health: 'atRisk', body: 'Beta slips a week:\n- crash on save' });
    expect((await ok('linear_get_project', { project: 'Mobile App' })).health).toBe('atRisk');
    expect(await fails('linear_update_project_status', { project: 'Mobile App', health: 'fine', body: 'x' })).toMatch(/onTrack/);
    expect(fake.problems).toEqual([]);
  });
});
