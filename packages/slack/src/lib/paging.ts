import * as z from 'zod';

export const cursorInput = z.string().min(1).optional().describe('From next_cursor');
export const nextCursorOutput = z.string().optional().describe('Pass as cursor for the next page');

/** Slack ends a list with an empty next_cursor; the tools leave it out then. */
export const nextCursorOf = (answer: { response_metadata?: { next_cursor?: string } }): string | undefined =>
  answer.response_metadata?.next_cursor || undefined;
