import { cursorLinkPage, type FakeRequest, type FakeResponse } from '../fake/index.js';

/**
 * One page of `items` with Sentry's Link header (`<…>; rel="next"; results="true"; cursor="0:25:0"`),
 * sized by `sizeParam` (issues take `limit`, other lists `per_page`).
 */
export function linkPaged<T>(request: FakeRequest, items: T[], render: (item: T) => unknown, sizeParam = 'per_page', defaultSize = 100): FakeResponse {
  const page = cursorLinkPage(request, items, { sizeParam, defaultSize });
  return { headers: page.headers, body: page.items.map(render) };
}

export const sentryError = (status: number, detail: string): FakeResponse => ({ status, body: { detail } });
export const notFound = () => sentryError(404, 'The requested resource does not exist');
