import type { FakeRequest, FakeResponse } from '../fake-upstream.js';

/** Sentry's cursors: `<value>:<offset>:<is_prev>`; the fake pages by offset. */
export function cursorOffset(request: FakeRequest): number | undefined {
  const cursor = request.query.get('cursor');
  if (cursor === null) return 0;
  const match = /^\d+:(\d+):[01]$/.exec(cursor);
  return match ? Number(match[1]) : undefined;
}

/**
 * One page of `items` with Sentry's Link header, which says of each neighbour whether it has results:
 * `<…>; rel="previous"; results="false"; cursor="0:0:1", <…>; rel="next"; results="true"; cursor="0:25:0"`.
 */
export function linkPage<T>(
  request: FakeRequest,
  origin: string,
  items: readonly T[],
  size: number,
): { items: T[]; headers: Record<string, string> } | undefined {
  const offset = cursorOffset(request);
  if (offset === undefined) return undefined;
  const page = items.slice(offset, offset + size);
  const link = (rel: string, cursor: string, results: boolean) => {
    const query = new URLSearchParams(request.query);
    query.set('cursor', cursor);
    return `<${origin}${request.path}?${query}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  const previous = link('previous', `0:${Math.max(0, offset - size)}:1`, offset > 0);
  const next = link('next', `0:${offset + size}:0`, offset + size < items.length);
  return { items: page, headers: { link: `${previous}, ${next}` } };
}

export const sentryError = (status: number, detail: string): FakeResponse => ({ status, body: { detail } });
export const notFound = () => sentryError(404, 'The requested resource does not exist');
export const invalidCursor = () => sentryError(400, 'Invalid cursor parameter.');
