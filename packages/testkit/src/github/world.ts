import { AsyncLocalStorage } from 'node:async_hooks';
import { type FakeRequest, type FakeResponse, numberedPage, type RouteHandler } from '../fake/index.js';
import type { FakeRepo, GitHubState } from './state.js';

/** What a route handler of the fake GitHub sees besides the request. */
export interface FakeGitHubWorld {
  state: GitHubState;
  /** The fake's API base URL (origin, plus /api/v3 for enterprise); API links point here. */
  url: string;
}

const storage = new AsyncLocalStorage<FakeGitHubWorld>();

export const runInWorld = <T>(world: FakeGitHubWorld, fn: () => T): T => storage.run(world, fn);

/** The state and URL of the fake GitHub serving the current request (route handlers call this). */
export function world(): FakeGitHubWorld {
  const current = storage.getStore();
  if (!current) throw new Error('world() called outside a fake GitHub request');
  return current;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: {message, documentation_url, status}. */
export function ghError(status: number, message: string, extra: Record<string, unknown> = {}): FakeResponse {
  return { status, body: { message, documentation_url: DOCS, status: String(status), ...extra } };
}

export const notFound = (): FakeResponse => ghError(404, 'Not Found');

/** The repository named by :owner/:repo, visible to the viewer (a private one only to its collaborators). */
export function findRepo(request: FakeRequest): FakeRepo | undefined {
  const { state } = world();
  const repo = state.repo(request.params.owner ?? '', request.params.repo ?? '');
  return repo && (!repo.private || repo.collaborators[state.viewer]) ? repo : undefined;
}

/** A route on a repository: answers 404 like GitHub when the viewer cannot see it. */
export const withRepo =
  (handler: (request: FakeRequest, repo: FakeRepo) => FakeResponse | Promise<FakeResponse>): RouteHandler =>
  (request) => {
    const repo = findRepo(request);
    return repo ? handler(request, repo) : notFound();
  };

/**
 * One page of `items` from per_page/page (GitHub's defaults: 30, max 100) with a Link header carrying
 * rel="next"/"prev"/"first"/"last" when there is more.
 */
export function paginate<T>(request: FakeRequest, items: T[], map: (item: T) => unknown = (item) => item, wrap?: (page: unknown[]) => unknown): FakeResponse {
  const page = numberedPage(request, items);
  const mapped = page.items.map(map);
  return { body: wrap ? wrap(mapped) : mapped, headers: page.headers };
}
