import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';

describe('linear_get_workspace', () => {
  const session = useSession();

  it('shows the viewer, teams with states in order, labels, the active cycle, users and projects in one request', async () => {
    const { fake, ok } = session();
    const before = fake.requests.length;
    const workspace = await ok('linear_get_workspace');
    expect(workspace.viewer).toBe('Ada Lovelace <ada@acme.test>');
    expect(workspace.workspace).toBe('Acme (acme)');
    const eng = workspace.teams.find((team: { key: string }) => team.key === 'ENG');
    expect(eng.states).toEqual(['Backlog (backlog)', 'Todo (unstarted)', 'In Progress (started)', 'Done (completed)', 'Canceled (canceled)']);
    expect(eng.labels).toEqual(['Backend', 'Frontend']);
    expect(eng.active_cycle).toMatch(/^5 "Polish": \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(workspace.teams.find((team: { key: string }) => team.key === 'DES').active_cycle).toBeUndefined();
    expect(workspace.labels).toEqual(['Bug', 'Feature', 'v2.0']);
    expect(workspace.users).toContain('Ada Lovelace <ada@acme.test> (me)');
    expect([...workspace.projects].sort()).toEqual(['Mobile App (started)', 'Website Redesign (planned)']);
    // A second call answers from the cached read.
    await ok('linear_get_workspace');
    expect(fake.requests.length - before).toBe(1);
    expect(fake.problems).toEqual([]);
  });
});
