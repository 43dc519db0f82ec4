import { InvalidInputError } from '@toolbridge/core';
import type { LinearContext } from '../define.js';
import type { Connection } from './documents.js';
import { document } from './documents.js';
import { cycleFilter } from './issue-filter.js';
import type { Team } from './workspace.js';

const CYCLE_ID = document(
  'CycleId',
  `query CycleId($filter: CycleFilter) {
  cycles(filter: $filter, first: 1) { nodes { id } }
}`,
);

/** A cycle's id: "current" from the cached workspace, a number with one small request. */
export async function resolveCycleId(context: LinearContext, cycle: string, team: Team): Promise<string> {
  const filter = cycleFilter(cycle, team);
  if ('isActive' in filter) {
    if (!team.activeCycle) throw new InvalidInputError(`team ${team.key} has no active cycle`, { hint: 'Pass a cycle number, or leave cycle out.' });
    return team.activeCycle.id;
  }
  const { cycles } = await context.services.client.request<{ cycles: Connection<{ id: string }> }>(CYCLE_ID, {
    filter: { ...filter, team: { id: { eq: team.id } } },
  });
  const found = cycles.nodes[0];
  if (!found) throw new InvalidInputError(`team ${team.key} has no cycle ${cycle}`, { hint: `Its active cycle is ${team.activeCycle?.number ?? 'none'}.` });
  return found.id;
}
