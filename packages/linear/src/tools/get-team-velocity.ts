import { annotations, compact, InvalidInputError, tableOf } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type Connection, document } from '../lib/documents.js';
import { resolveTeam, teamInput } from '../lib/resolve.js';
import { isoDay } from '../lib/time.js';

/** Without an active cycle to count back from, the past cycles read to find the latest (Linear's order is not by number). */
const CYCLES_READ = 15;

const TEAM_VELOCITY = document(
  'TeamVelocity',
  `query TeamVelocity($filter: CycleFilter, $first: Int!) {
  cycles(filter: $filter, first: $first) {
    nodes {
      number name startsAt endsAt
      issues(first: 100, filter: { completedAt: { null: false } }) { nodes { estimate completedAt } pageInfo { hasNextPage } }
    }
  }
}`,
);

interface ApiCycle {
  number: number;
  name: string | null;
  startsAt: string;
  endsAt: string;
  issues: Connection<{ estimate: number | null; completedAt: string }>;
}

const round = (value: number) => Math.round(value * 10) / 10;

const cycleTable = tableOf(() =>
  z.object({
    number: z.number(),
    name: z.string().optional(),
    start: z.string(),
    end: z.string(),
    completed_points: z.number(),
    completed_issues: z.number(),
    unestimated: z.number().optional(),
    more_than_100_issues: z.boolean().optional(),
  }),
);

export const getTeamVelocity = defineTool({
  name: 'linear_get_team_velocity',
  title: 'Team velocity',
  description:
    "A team's velocity over its last N completed cycles (default 3): per cycle, the estimate points of the cycle's issues completed before the cycle ended (unestimated issues count 0 points and are counted apart), and the mean points per cycle.",
  toolset: 'insights',
  input: () =>
    z.object({
      team: teamInput,
      cycles: z.number().int().min(1).max(12).default(3),
    }),
  output: () =>
    z.object({
      team: z.string(),
      cycles: cycleTable.schema,
      mean_points: z.number(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const team = await resolveTeam(context, input.team);
    // The active cycle (from the cached workspace) says which numbers the last N past cycles have.
    const active = team.activeCycle?.number;
    const { cycles } = await context.services.client.request<{ cycles: Connection<ApiCycle> }>(TEAM_VELOCITY, {
      filter: { team: { id: { eq: team.id } }, isPast: { eq: true }, ...(active ? { number: { gte: active - input.cycles } } : {}) },
      first: active ? input.cycles : CYCLES_READ,
    });
    const recent = [...cycles.nodes]
      .sort((a, b) => b.number - a.number)
      .slice(0, input.cycles)
      .reverse();
    if (!recent.length)
      throw new InvalidInputError(`team ${team.key} has no completed cycle yet`, {
        hint: 'Velocity needs cycles: enable them in the team settings, or wait for one to end.',
      });
    const rows = recent.map((cycle) => {
      const done = cycle.issues.nodes.filter((issue) => Date.parse(issue.completedAt) <= Date.parse(cycle.endsAt));
      const unestimated = done.filter((issue) => issue.estimate === null).length;
      return {
        number: cycle.number,
        start: isoDay(cycle.startsAt),
        end: isoDay(cycle.endsAt),
        completed_points: done.reduce((sum, issue) => sum + (issue.estimate ?? 0), 0),
        completed_issues: done.length,
        ...compact({
          name: cycle.name ?? undefined,
          unestimated: unestimated || undefined,
          more_than_100_issues: cycle.issues.pageInfo?.hasNextPage || undefined,
        }),
      };
    });
    return { team: team.key, cycles: cycleTable.of(rows), mean_points: round(rows.reduce((sum, row) => sum + row.completed_points, 0) / rows.length) };
  },
});
