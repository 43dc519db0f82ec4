import { InvalidInputError } from '@toolbridge/core';
import * as z from 'zod';

/**
 * Cursor pagination shared by every list tool. A REST cursor is the next page number that GitHub's
 * `Link: rel="next"` header names (as a string); a GraphQL cursor is the connection's `endCursor`.
 * Either way the model only passes `next_cursor` back as `cursor`.
 */
export const perPageInput = (fallback = 30) => z.number().int().min(1).max(100).default(fallback); // the schema's bounds say it all

export const cursorInput = z.string().min(1).optional().describe('next_cursor from the previous page');

/** `next_cursor` in outputs: absent when this is the last page. */
export const nextCursorOutput = z.string().optional().describe('Pass as cursor for the next page; absent on the last page');

/** The REST page number a cursor stands for (1 when there is none). */
export function pageFromCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 1;
  const page = Number(cursor);
  if (!Number.isInteger(page) || page < 1) {
    throw new InvalidInputError(`cursor "${cursor}" is not one this tool returned`, {
      hint: 'Pass next_cursor from the previous result unchanged, or omit cursor for the first page.',
    });
  }
  return page;
}

/** The cursor for the next page from a REST `Link` header, or undefined on the last page. */
export function nextCursorFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return new URL(match[1]!).searchParams.get('page') ?? undefined;
  }
  return undefined;
}
