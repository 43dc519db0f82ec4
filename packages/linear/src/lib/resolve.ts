import { InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';
import type { LinearContext } from '../define.js';
import { searchLabels, searchProjects, searchUsers } from './lookups.js';
import type { Label, Project, Team, User, WorkflowState, Workspace } from './workspace.js';

const fold = (text: string) => text.trim().toLowerCase();

/** A team argument: its key or name, LINEAR_TEAM when left out. */
export const teamInput = z.string().optional().describe('Key or name (default LINEAR_TEAM)');

/** "a, b, c" of up to `max` names, with how many more. */
export function choices(names: string[], max = 25): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} (and ${names.length - max} more)` : shown || '(none)';
}

const IDENTIFIER = /^([A-Za-z][A-Za-z0-9_]{0,9})-(\d+)$/;

/** An issue identifier from ENG-123, eng-123 or an issue URL (https://linear.app/acme/issue/ENG-123/some-title). */
export function parseIdentifier(text: string): { identifier: string; teamKey: string } {
  const trimmed = text
    .trim()
    .replace(/^#/, '')
    .replace(/[.,;:!?)\]'"`]+$/, '');
  let candidate = trimmed;
  if (/^https?:\/\//i.test(trimmed)) {
    const parts = new URL(trimmed).pathname.split('/').filter(Boolean);
    candidate = parts[parts.indexOf('issue') + 1] ?? '';
  }
  const [, key, number] = IDENTIFIER.exec(candidate) ?? [];
  if (!key || !number) {
    throw new InvalidInputError(`issue ${JSON.stringify(text.slice(0, 100))} is not an issue identifier or URL`, {
      hint: 'Pass the identifier (ENG-123) or the issue URL from Linear.',
    });
  }
  const teamKey = key.toUpperCase();
  return { identifier: `${teamKey}-${number}`, teamKey };
}

/**
 * Finds a name in the cached workspace; when it is missing from a read older than a few seconds, reads
 * the workspace again once (a label made a minute ago) before saying what the choices are.
 */
async function lookup<T>(context: LinearContext, find: (workspace: Workspace) => T | undefined): Promise<{ found?: T; workspace: Workspace }> {
  const workspace = await context.services.workspace.get(context);
  const found = find(workspace);
  if (found !== undefined || !context.services.workspace.stale()) return { ...(found === undefined ? {} : { found }), workspace };
  const fresh = await context.services.workspace.get(context, { refresh: true });
  const again = find(fresh);
  return { ...(again === undefined ? {} : { found: again }), workspace: fresh };
}

const teamMatch = (teams: Team[], name: string) =>
  teams.find((team) => team.key.toLowerCase() === fold(name) || team.id === name.trim()) ?? teams.find((team) => fold(team.name) === fold(name));

/** Team keys starting with what was typed (from the cached workspace read), for completions. */
export async function completeTeamKey(value: string, context: LinearContext): Promise<string[]> {
  const workspace = await context.services.workspace.get(context);
  return workspace.teams.nodes.map((team) => team.key).filter((key) => key.toLowerCase().startsWith(value.toLowerCase()));
}

/** A team by key, name or id; else LINEAR_TEAM; else the only team. */
export async function resolveTeam(context: LinearContext, name?: string): Promise<Team> {
  const wanted = name?.trim() || context.settings.team;
  const { found, workspace } = await lookup(context, (ws) =>
    wanted ? teamMatch(ws.teams.nodes, wanted) : ws.teams.nodes.length === 1 ? ws.teams.nodes[0] : undefined,
  );
  if (found) return found;
  const teams = choices(workspace.teams.nodes.map((team) => `${team.key} (${team.name})`));
  if (!wanted)
    throw new InvalidInputError(`which team? The workspace has ${workspace.teams.nodes.length}: ${teams}`, {
      hint: 'Pass team (a key or name), or set LINEAR_TEAM.',
    });
  const fromSettings = !name?.trim();
  throw new InvalidInputError(`no team ${JSON.stringify(wanted)}${fromSettings ? ' (LINEAR_TEAM)' : ''}; teams are: ${teams}`, {
    hint: fromSettings ? 'Set LINEAR_TEAM to one of those keys, or pass team.' : 'Pass a team key or name from the list.',
  });
}

export function resolveState(team: Team, name: string): WorkflowState {
  const states = [...team.states.nodes].sort((a, b) => a.position - b.position);
  const found = states.find((state) => fold(state.name) === fold(name)) ?? states.find((state) => state.id === name.trim());
  if (found) return found;
  throw new InvalidInputError(`no workflow state ${JSON.stringify(name)} in team ${team.key}; states are: ${choices(states.map((state) => state.name))}`, {
    hint: 'Pass one of those state names.',
  });
}

const userMatch = (users: User[], name: string) =>
  users.find((user) => fold(user.email) === fold(name) || user.id === name.trim()) ??
  users.find((user) => fold(user.displayName) === fold(name) || fold(user.name) === fold(name));

/** A user by "me", email, display name, full name or id. */
export async function resolveUser(context: LinearContext, name: string): Promise<User | Workspace['viewer']> {
  if (fold(name) === 'me') return (await context.services.workspace.get(context)).viewer;
  const { found, workspace } = await lookup(context, (ws) => userMatch(ws.users.nodes, name));
  const user = found ?? userMatch(await searchUsers(context, workspace, name), name);
  if (user) return user;
  const users = choices(workspace.users.nodes.map((user) => `${user.name} <${user.email}>`));
  throw new InvalidInputError(`no active user ${JSON.stringify(name)}; users are: ${users}`, { hint: 'Pass a name, an email or "me".' });
}

/** Labels usable in `team`: its own and the workspace's. */
export function labelsOf(workspace: Workspace, team: Team | undefined): Label[] {
  return workspace.issueLabels.nodes.filter((label) => !label.team || !team || label.team.id === team.id);
}

const labelName = (label: Label) => (label.parent ? `${label.parent.name}/${label.name}` : label.name);

const labelMatch = (labels: Label[], name: string) =>
  labels.find((label) => fold(labelName(label)) === fold(name)) ?? labels.find((label) => fold(label.name) === fold(name));

export async function resolveLabels(context: LinearContext, names: string[], team: Team | undefined): Promise<Label[]> {
  const all = (labels: Label[]) => {
    const found = names.map((name) => labelMatch(labels, name));
    return found.every(Boolean) ? (found as Label[]) : undefined;
  };
  const { found, workspace } = await lookup(context, (ws) => all(labelsOf(ws, team)));
  if (found) return found;
  const known = labelsOf(workspace, team);
  const missing = names.filter((name) => !labelMatch(known, name));
  const more = (await searchLabels(context, workspace, missing)).filter((label) => !label.team || !team || label.team.id === team.id);
  const usable = [...known, ...more];
  const everything = all(usable);
  if (everything) return everything;
  const unknown = names.filter((name) => !labelMatch(usable, name));
  throw new InvalidInputError(
    `no label ${unknown.map((name) => JSON.stringify(name)).join(', ')}${team ? ` in team ${team.key}` : ''}; labels are: ${choices(usable.map(labelName), 40)}`,
    { hint: 'Pass label names from the list.' },
  );
}

export async function resolveProject(context: LinearContext, name: string): Promise<Project> {
  const match = (projects: Project[]) =>
    projects.find((project) => project.id === name.trim() || project.slugId === name.trim()) ?? projects.find((project) => fold(project.name) === fold(name));
  const { found, workspace } = await lookup(context, (ws) => match(ws.projects.nodes));
  const project = found ?? match(await searchProjects(context, workspace, name));
  if (project) return project;
  throw new InvalidInputError(`no project ${JSON.stringify(name)}; projects are: ${choices(workspace.projects.nodes.map((project) => project.name))}`, {
    hint: 'Pass a project name from the list (linear_list_projects shows more).',
  });
}

/** Linear's priorities: 0 none, 1 urgent, 2 high, 3 medium, 4 low. */
export const PRIORITIES = ['none', 'urgent', 'high', 'medium', 'low'] as const;
export type PriorityName = (typeof PRIORITIES)[number];
export const priorityValue = (name: PriorityName) => PRIORITIES.indexOf(name);
export const priorityName = (value: number | null | undefined) => PRIORITIES[value ?? 0] ?? 'none';

/** A literal "\n" a model wrote in markdown becomes a newline (models often escape them twice). */
export const markdown = (text: string) => text.replace(/\\r\\n|\\n/g, '\n');
