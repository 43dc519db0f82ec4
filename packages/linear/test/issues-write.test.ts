import { describe, expect, it } from 'vitest';
import { useFreshSession } from './support/session.js';

describe('writing issues', () => {
  const session = useFreshSession();

  it('linear_create_issue resolves every name, turns a literal \\n into a newline, and creates the issue', async () => {
    const { ok, fake } = session();
    const created = await ok('linear_create_issue', {
      title: 'Checkout button misaligned',
      description: 'Steps:\\n1. open cart\\n2. look',
      team: 'eng',
      priority: 'high',
      labels: ['Bug', 'Frontend'],
      assignee: 'grace',
      project: 'Mobile App',
      cycle: 'current',
      estimate: 3,
    });
    expect(created).toMatchObject({
      id: 'ENG-17',
      state: 'Todo',
      assignee: 'Grace Hopper',
      priority: 'high',
      labels: ['Bug', 'Frontend'],
      project: 'Mobile App',
      cycle: 5,
      estimate: 3,
      url: 'https://linear.app/acme/issue/ENG-17',
    });
    const stored = fake.state.issues.find((issue) => issue.title === 'Checkout button misaligned')!;
    expect(stored.description).toBe('Steps:\n1. open cart\n2. look');
    expect(fake.problems).toEqual([]);
  });

  it('linear_create_issue takes a cycle by number (one small request) and LINEAR_TEAM is not needed with one team named', async () => {
    const { ok, fake } = session();
    const created = await ok('linear_create_issue', { title: 'Plan next', team: 'ENG', cycle: '6' });
    expect(created.cycle).toBe(6);
    expect(fake.problems).toEqual([]);
  });

  it('linear_create_issue without a team asks which, listing them', async () => {
    const { fails } = session();
    expect(await fails('linear_create_issue', { title: 'x' })).toContain('which team? The workspace has 2: ENG (Engineering), DES (Design)');
  });

  it('linear_update_issue moves the state, relabels and comments in one request', async () => {
    const { ok, fake } = session();
    await ok('linear_get_workspace');
    const before = fake.requests.length;
    const updated = await ok('linear_update_issue', {
      issue: 'ENG-3',
      state: 'Done',
      add_labels: ['Frontend'],
      remove_labels: ['Backend'],
      assignee: 'me',
      comment: 'Fixed in 2.0.1\\n\\nThanks!',
    });
    expect(fake.requests.length - before).toBe(1);
    expect(updated).toMatchObject({ id: 'ENG-3', state: 'Done', assignee: 'Ada Lovelace', labels: ['Bug', 'v2.0', 'Frontend'] });
    expect(updated.comment_url).toMatch(/^https:\/\/linear\.app\/acme\/issue\/ENG-3#comment-/);
    const stored = fake.state.issues.find((issue) => issue.number === 3 && issue.title === 'Crash on save')!;
    expect(stored.completedAt).toEqual(expect.any(Number));
    expect(fake.state.comments.at(-1)?.body).toBe('Fixed in 2.0.1\n\nThanks!');
    expect(fake.problems).toEqual([]);
  });

  it('linear_update_issue without a comment sends none, and refuses an empty change', async () => {
    const { ok, fails, fake } = session();
    await ok('linear_update_issue', { issue: 'ENG-5', priority: 'urgent', estimate: 2 });
    expect(fake.state.comments).toHaveLength(3);
    expect(await fails('linear_update_issue', { issue: 'ENG-5' })).toContain('nothing to change');
    expect(await fails('linear_update_issue', { issue: 'ENG-5', state: 'Doing' })).toContain(
      'no workflow state "Doing" in team ENG; states are: Backlog, Todo, In Progress, Done, Canceled',
    );
  });

  it('linear_update_issue: a refused change posts no comment; a refused comment says the change was made', async () => {
    const { ok, fails, fake } = session();
    await ok('linear_get_workspace');
    // The project disappears after the workspace was read: Linear refuses the update, and the comment after it never runs.
    fake.state.projects.splice(1, 1);
    expect(await fails('linear_update_issue', { issue: 'ENG-7', project: 'Website Redesign', comment: 'Moving this over' })).toContain(
      'Could not find referenced Project',
    );
    expect(fake.state.comments).toHaveLength(3);
    const text = await fails('linear_update_issue', { issue: 'ENG-7', priority: 'high', comment: ' ' });
    expect(text).toContain('ENG-7 was updated, but the comment was refused: body should not be empty');
    expect(text).toContain('Post the comment alone with linear_add_comment');
    expect(fake.state.issues.find((issue) => issue.title === 'Flaky test')?.priority).toBe(2);
  });

  it('linear_add_comment adds a markdown comment', async () => {
    const { ok, fake } = session();
    const added = await ok('linear_add_comment', { issue: 'https://linear.app/acme/issue/ENG-4/refactor-auth', body: 'Looks good\\n- ship it' });
    expect(added.issue).toBe('ENG-4');
    expect(fake.state.comments.at(-1)?.body).toBe('Looks good\n- ship it');
    expect(fake.problems).toEqual([]);
  });
});
