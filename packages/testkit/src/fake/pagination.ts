import { type FakeRequest, requestInput } from './request.js';

/** A page of items and the headers that describe the others (Link). */
export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export interface PageSize {
  /** The input naming the page size. */
  sizeParam?: string;
  defaultSize?: number;
  maxSize?: number;
}

function pageSize(request: FakeRequest, { sizeParam, defaultSize, maxSize }: Required<PageSize>): number {
  const asked = Number(requestInput(request, sizeParam) ?? defaultSize) || defaultSize;
  return Math.min(maxSize, Math.max(1, Math.trunc(asked)));
}

/** This request's URL with some query parameters replaced, as a Link target. */
function linkTo(request: FakeRequest, changes: Record<string, string>): string {
  const query = new URLSearchParams(request.query);
  for (const [name, value] of Object.entries(changes)) query.set(name, value);
  return `${request.origin}${request.path}?${query}`;
}

/**
 * Numbered pages (GitHub): `page` and `per_page` (default 30, at most 100), and a Link header with
 * rel="next" and "last", "first" and "prev" where they exist.
 */
export function numberedPage<T>(request: FakeRequest, items: T[], options: PageSize & { pageParam?: string } = {}): Page<T> {
  const sizeParam = options.sizeParam ?? 'per_page';
  const pageParam = options.pageParam ?? 'page';
  const size = pageSize(request, { sizeParam, defaultSize: options.defaultSize ?? 30, maxSize: options.maxSize ?? 100 });
  const page = Math.max(1, Math.trunc(Number(requestInput(request, pageParam) ?? 1)) || 1);
  const last = Math.max(1, Math.ceil(items.length / size));
  const link = (target: number, rel: string) => `<${linkTo(request, { [sizeParam]: String(size), [pageParam]: String(target) })}>; rel="${rel}"`;
  const links = [...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []), ...(page > 1 ? [link(1, 'first'), link(page - 1, 'prev')] : [])];
  return { items: items.slice((page - 1) * size, page * size), headers: links.length ? { link: links.join(', ') } : {} };
}

/**
 * Sentry's cursor pages: `cursor` ("<value>:<offset>:<is_prev>") and `per_page` (default and maximum
 * 100), and a Link header that always names both neighbours:
 * `<url>; rel="previous"; results="false"; cursor="0:0:1", <url>; rel="next"; results="true"; cursor="0:100:0"`.
 */
export function cursorLinkPage<T>(request: FakeRequest, items: T[], options: PageSize & { cursorParam?: string } = {}): Page<T> {
  const cursorParam = options.cursorParam ?? 'cursor';
  const size = pageSize(request, { sizeParam: options.sizeParam ?? 'per_page', defaultSize: options.defaultSize ?? 100, maxSize: options.maxSize ?? 100 });
  const [, offsetText = '0', previous = '0'] = (requestInput(request, cursorParam) ?? '0:0:0').split(':');
  const position = Math.max(0, Number(offsetText) || 0);
  // A previous-page cursor names where that page ends.
  const start = previous === '1' ? Math.max(0, position - size) : position;
  const link = (rel: string, cursor: string, results: boolean) =>
    `<${linkTo(request, { [cursorParam]: cursor })}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  const links = [link('previous', `0:${start}:1`, start > 0), link('next', `0:${start + size}:0`, start + size < items.length)];
  return { items: items.slice(start, start + size), headers: { link: links.join(', ') } };
}

/** An opaque cursor for a position in a list, and back (undefined for a cursor the fake did not issue). */
export const encodeCursor = (offset: number): string => Buffer.from(`offset:${offset}`).toString('base64');
export function decodeCursor(cursor: string): number | undefined {
  const [, offset] = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8')) ?? [];
  return offset === undefined ? undefined : Number(offset);
}

/**
 * Opaque-cursor pages (Slack): the `cursor` and `limit` inputs (query or body; default 100, at most
 * 1000) and the cursor of the next page ('' at the end, as Slack's `response_metadata.next_cursor`).
 * Undefined when the cursor is not one the fake issued: answer the service's invalid-cursor error.
 */
export function cursorPage<T>(
  request: FakeRequest,
  items: T[],
  options: PageSize & { cursorParam?: string } = {},
): { items: T[]; nextCursor: string } | undefined {
  const size = pageSize(request, { sizeParam: options.sizeParam ?? 'limit', defaultSize: options.defaultSize ?? 100, maxSize: options.maxSize ?? 1000 });
  const cursor = requestInput(request, options.cursorParam ?? 'cursor');
  const start = cursor ? decodeCursor(cursor) : 0;
  if (start === undefined) return undefined;
  const end = start + size;
  return { items: items.slice(start, end), nextCursor: end < items.length ? encodeCursor(end) : '' };
}
