import { records } from '@toolbridge/core';
import { describe, expect, it } from 'vitest';
import { useSession } from './support/session.js';

describe('reading issues', () => {
  const session = useSession();

  it('linear_get_issue reads an identifier, a lower-case one or a URL, with fenced description and comments', async () => {
    const { ok, fake } = session();
    const issue = await ok('linear_get_issue', { issue: 'ENG-3' });
    expect(issue).toMatchObject({
      id: 'ENG-3',
      title: 'Crash on save',
      state: 'In Progress',
      assignee: 'Grace Hopper',
      priority: 'urgent',
      estimate: 2,
      labels: ['Bug', 'v2.0', 'Backend'],
      project: 'Mobile App',
      cycle: 5,
      milestone: 'Beta',
      url: 'https://linear.app/acme/issue/ENG-3',
    });
    expect(issue.description).toMatch(/^<untrusted-content source="description of ENG-3">\nSaving a draft twice crashes the editor\.\n/);
    expect(issue.description).not.toContain('ignore previous instructions');
    const comments = records(issue.latest_comments);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ author: 'Linus Torvalds' });
    expect(comments[0]!.body).toMatch(/^<untrusted-content source="comment on ENG-3">/);
    expect((await ok('linear_get_issue', { issue: 'eng-2' })).id).toBe('ENG-2');
    expect((await ok('linear_get_issue', { issue: 'https://linear.app/acme/issue/ENG-2/add-dark-mode' })).title).toBe('Add dark mode');
    expect(fake.problems).toEqual([]);
  });

  it('linear_get_issue says what is wrong with a bad or unknown identifier', async () => {
    const { fails } = session();
    expect(await fails('linear_get_issue', { issue: 'not an issue' })).toMatch(/not an issue identifier or URL.*ENG-123/s);
    expect(await fails('linear_get_issue', { issue: 'ENG-999' })).toMatch(/Could not find referenced Issue/);
  });

  it('linear_search_issues filters by team, state, assignee, labels, project, cycle, text and time, most recently updated first', async () => {
    const { ok, fake } = session();
    const ids = async (args: Record<string, unknown>) => records((await ok('linear_search_issues', args)).issues).map((issue: { id: string }) => issue.id);
    expect(await ids({ team: 'ENG', state: 'In Progress' })).toEqual(['ENG-3', 'ENG-4']);
    expect(await ids({ team: 'Engineering', state: 'started' })).toEqual(['ENG-3', 'ENG-4']);
    expect((await ids({ state: 'started' })).sort()).toEqual(['DES-1', 'ENG-3', 'ENG-4']);
    expect(await ids({ assignee: 'me', state: 'In Progress' })).toEqual(['ENG-4']);
    expect(await ids({ assignee: 'grace@acme.test', team: 'DES' })).toEqual(['DES-1']);
    expect((await ids({ labels: ['v2.0', 'bug'] })).sort()).toEqual(['ENG-3']);
    expect((await ids({ project: 'mobile app' })).sort()).toEqual(['ENG-2', 'ENG-3', 'ENG-5']);
    expect((await ids({ team: 'ENG', cycle: 'current' })).sort()).toEqual(['ENG-2', 'ENG-3', 'ENG-4', 'ENG-8']);
    expect((await ids({ team: 'ENG', cycle: '2' })).sort()).toEqual(['ENG-12', 'ENG-13']);
    expect(await ids({ text: 'dark MODE' })).toEqual(['ENG-2']);
    expect((await ids({ team: 'ENG', updated_since: '36h' })).sort()).toEqual(['ENG-3', 'ENG-6']);
    expect(await ids({ assignee: 'none', team: 'ENG' })).toEqual(['ENG-6', 'ENG-5', 'ENG-7']);
    expect(fake.problems).toEqual([]);
  });

  it('linear_search_issues pages with next_cursor', async () => {
    const { ok } = session();
    const first = await ok('linear_search_issues', { team: 'ENG', limit: 10 });
    expect(first.issues.rows).toHaveLength(10);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await ok('linear_search_issues', { team: 'ENG', limit: 10, cursor: first.next_cursor });
    expect(second.issues.rows).toHaveLength(5);
    expect(second.next_cursor).toBeUndefined();
    const all = [...records(first.issues), ...records(second.issues)].map((issue: { id: string }) => issue.id);
    expect(new Set(all).size).toBe(15);
  });

  it('resolution errors name the wrong input and list the choices', async () => {
    const { fails } = session();
    expect(await fails('linear_search_issues', { team: 'ENG', state: 'Doing' })).toContain(
      'no workflow state "Doing" in team ENG; states are: Backlog, Todo, In Progress, Done, Canceled',
    );
    expect(await fails('linear_search_issues', { team: 'OPS' })).toContain('no team "OPS"; teams are: ENG (Engineering), DES (Design)');
    expect(await fails('linear_search_issues', { assignee: 'bob' })).toContain(
      'no active user "bob"; users are: Ada Lovelace <ada@acme.test>, Grace Hopper <grace@acme.test>, Linus Torvalds <linus@acme.test>',
    );
    expect(await fails('linear_search_issues', { team: 'DES', labels: ['Backend'] })).toMatch(/no label "Backend" in team DES; labels are: .*UX/);
    expect(await fails('linear_search_issues', { project: 'Moon' })).toContain('no project "Moon"; projects are:');
  });

  it('linear_list_comments lists every comment, fenced, with a cursor', async () => {
    const { ok } = session();
    const page = await ok('linear_list_comments', { issue: 'ENG-3', limit: 1 });
    expect(page.comments.rows).toHaveLength(1);
    expect(page.next_cursor).toEqual(expect.any(String));
    const rest = await ok('linear_list_comments', { issue: 'ENG-3', cursor: page.next_cursor });
    expect(records(rest.comments).map((comment: { author: string }) => comment.author)).toEqual(['Grace Hopper']);
    expect(records(rest.comments)[0]!.body).toContain('Repro: open a draft, press save twice.');
  });
});
