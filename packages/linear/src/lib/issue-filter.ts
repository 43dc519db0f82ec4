import { InvalidInputError } from '@toolbridge/core';
import type { LinearContext } from '../define.js';
import { resolveLabels, resolveProject, resolveState, resolveTeam, resolveUser } from './resolve.js';
import { parseTime } from './time.js';
import type { Team } from './workspace.js';

export const STATE_TYPES = ['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled'];

export interface IssueCriteria {
  text?: string | undefined;
  team?: string | undefined;
  state?: string | undefined;
  assignee?: string | undefined;
  labels?: string[] | undefined;
  project?: string | undefined;
  cycle?: string | undefined;
  updated_since?: string | undefined;
}

/** A cycle argument: "current", or a cycle number of the team. */
export function cycleFilter(cycle: string, team: Team | undefined): Record<string, unknown> {
  if (/^(current|active)$/i.test(cycle.trim())) return { isActive: { eq: true } };
  const number = Number(cycle.trim().replace(/^#|^cycle\s*/i, ''));
  if (!Number.isInteger(number) || number < 1) {
    throw new InvalidInputError(`cycle ${JSON.stringify(cycle)} is not "current" or a cycle number`, { hint: 'Pass "current" or a number like 12.' });
  }
  if (!team) throw new InvalidInputError('a cycle number belongs to a team', { hint: 'Pass team with the cycle number, or set LINEAR_TEAM.' });
  return { number: { eq: number } };
}

/**
 * An IssueFilter from human criteria, every name resolved from the cached workspace (no request per name).
 * State: a state name of the team, or a state type (started, completed, …) for any team.
 */
export async function issueFilter(context: LinearContext, criteria: IssueCriteria): Promise<{ filter: Record<string, unknown>; team?: Team }> {
  const team = criteria.team || context.settings.team ? await resolveTeam(context, criteria.team) : undefined;
  const and: Array<Record<string, unknown>> = [];
  if (team) and.push({ team: { id: { eq: team.id } } });
  if (criteria.text) {
    const text = criteria.text.trim();
    and.push({ or: [{ title: { containsIgnoreCase: text } }, { description: { containsIgnoreCase: text } }] });
  }
  if (criteria.state) {
    const state = criteria.state.trim();
    if (STATE_TYPES.includes(state.toLowerCase())) and.push({ state: { type: { eq: state.toLowerCase() } } });
    else if (team) and.push({ state: { id: { eq: resolveState(team, state).id } } });
    else {
      const workspace = await context.services.workspace.get(context);
      const names = new Set(workspace.teams.nodes.flatMap((candidate) => candidate.states.nodes.map((item) => item.name.toLowerCase())));
      if (!names.has(state.toLowerCase())) {
        // The error lists the choices of the first team, the usual case of one shared workflow.
        resolveState(workspace.teams.nodes[0]!, state);
      }
      and.push({ state: { name: { eqIgnoreCase: state } } });
    }
  }
  if (criteria.assignee) {
    if (/^(none|unassigned)$/i.test(criteria.assignee.trim())) and.push({ assignee: { null: true } });
    else and.push({ assignee: { id: { eq: (await resolveUser(context, criteria.assignee)).id } } });
  }
  if (criteria.labels?.length) {
    for (const label of await resolveLabels(context, criteria.labels, team)) and.push({ labels: { some: { id: { eq: label.id } } } });
  }
  if (criteria.project) and.push({ project: { id: { eq: (await resolveProject(context, criteria.project)).id } } });
  if (criteria.cycle) and.push({ cycle: cycleFilter(criteria.cycle, team) });
  if (criteria.updated_since) and.push({ updatedAt: { gte: new Date(parseTime(criteria.updated_since)).toISOString() } });
  return { filter: and.length ? { and } : {}, ...(team ? { team } : {}) };
}
