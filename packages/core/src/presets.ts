import type { ToolAnnotations } from './define.js';

/**
 * The four kinds of tool, as annotation presets. Each states all four hints; a tool that talks to no
 * outside system spreads one and sets `openWorldHint: false`.
 */
export const annotations = {
  /** Reads; calling it twice changes nothing. */
  read: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Creates or adds something; a second call adds it again. */
  write: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  /** Sets something to a given state; a second call with the same arguments changes nothing more. */
  idempotentWrite: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  /** Deletes, overwrites or does what cannot be taken back. */
  destructive: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
} as const satisfies Record<string, ToolAnnotations>;

/**
 * The entries of `values` that are set (neither undefined nor null): one way to build optional API
 * parameters and compact results, `{ ...compact({ author: user?.login, milestone: milestone?.title }) }`.
 */
export function compact<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as {
    [K in keyof T]?: Exclude<T[K], null | undefined>;
  };
}
