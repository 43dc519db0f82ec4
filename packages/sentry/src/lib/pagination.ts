import * as z from 'zod';

export const cursorInput = z.string().min(1).optional().describe('next_cursor from the previous page');

/** `next_cursor` in outputs: absent on the last page. */
export const nextCursorOutput = z.string().optional();

/**
 * The next page's cursor from Sentry's Link header, whose entries say whether a page has results:
 * `<…>; rel="next"; results="true"; cursor="0:100:0"`. Undefined on the last page.
 */
export function nextCursorFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    if (!/;\s*rel="?next"?/.test(part)) continue;
    if (/;\s*results="?false"?/.test(part)) return undefined;
    return /;\s*cursor="([^"]+)"/.exec(part)?.[1];
  }
  return undefined;
}
