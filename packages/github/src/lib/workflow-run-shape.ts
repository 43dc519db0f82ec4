import { tableOf } from '@toolbridge/core';
import * as z from 'zod';
import type { ContentGate } from '../lockdown.js';

/** The fields of a workflow run a model needs, shared by the Actions tools. */
export const runOutput = z.object({
  id: z.number(),
  workflow: z.string().optional(),
  title: z.string(),
  status: z.string().optional(),
  conclusion: z.string().optional(),
  branch: z.string().optional(),
  event: z.string(),
  actor: z.string().optional(),
  run_number: z.number(),
  attempt: z.number().optional(),
  created_at: z.string(),
});

export const runTable = tableOf(() => runOutput);

interface RunData {
  id: number;
  name?: string | null;
  display_title: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  event: string;
  actor?: { login: string } | null;
  run_number: number;
  run_attempt?: number;
  created_at: string;
}

/**
 * A run's title is a commit subject or a PR title, so it goes through the lockdown gate, attributed to
 * the run's actor (who pushed or opened the PR).
 */
export const runTitle = (gate: ContentGate, run: RunData): Promise<string> => gate.text(run.display_title, run.actor?.login, `run ${run.id} title`);

export function compactRun(run: RunData, title: string): z.input<typeof runOutput> {
  return {
    id: run.id,
    ...(run.name ? { workflow: run.name } : {}),
    title,
    ...(run.status ? { status: run.status } : {}),
    ...(run.conclusion ? { conclusion: run.conclusion } : {}),
    ...(run.head_branch ? { branch: run.head_branch } : {}),
    event: run.event,
    ...(run.actor ? { actor: run.actor.login } : {}),
    run_number: run.run_number,
    ...(run.run_attempt ? { attempt: run.run_attempt } : {}),
    created_at: run.created_at,
  };
}

/** A workflow's file name such as "ci.yml" or its numeric id (the API takes either in the same place). */
export const workflowInput = z.string().min(1).describe('Workflow file name, e.g. "ci.yml", or id');
