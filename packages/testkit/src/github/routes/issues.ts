import type { FakeRequest, RouteHandler } from '../../fake/index.js';
import { commentJson, hasPush, issueJson } from '../shapes.js';
import { type FakeIssue, type FakeIssueBase, type FakePull, type FakeRepo, isoNow, newIssueBase } from '../state.js';
import { ghError, notFound, paginate, withRepo, world } from '../world.js';

/** Fake GitHub routes for the issues toolset, following the REST API's documented shapes. */

const now = () => isoNow();

/** Issues and pull requests of a repository: the issues API sees both. */
const allItems = (repo: FakeRepo): Array<FakeIssue | FakePull> => [...repo.issues, ...repo.pulls];

const sortKey = (item: FakeIssueBase, sort: string | null) =>
  sort === 'updated' ? item.updated_at : sort === 'comments' ? String(item.comments.length).padStart(6, '0') : item.created_at;

/** Sorts like GitHub: by created (default), updated or comments; descending unless direction=asc. */
export function sortItems<T>(
  items: T[],
  sort: string | null,
  direction: string | null,
  itemOf: (entry: T) => FakeIssueBase = (entry) => entry as FakeIssueBase,
): T[] {
  const sorted = [...items].sort((a, b) => sortKey(itemOf(a), sort).localeCompare(sortKey(itemOf(b), sort)) || itemOf(a).number - itemOf(b).number);
  return direction === 'asc' ? sorted : sorted.reverse();
}

function findItem(repo: FakeRepo, number: string | undefined) {
  return allItems(repo).find((item) => item.number === Number(number));
}

const validationFailed = (resource: string, field: string, code = 'invalid') => ghError(422, 'Validation Failed', { errors: [{ resource, field, code }] });

function listIssues(request: FakeRequest, repo: FakeRepo) {
  const query = request.query;
  const state = query.get('state') ?? 'open';
  const labels = query.get('labels')?.split(',').filter(Boolean) ?? [];
  const assignee = query.get('assignee');
  const creator = query.get('creator');
  const since = query.get('since');
  const milestone = query.get('milestone');
  const items = allItems(repo).filter(
    (item) =>
      (state === 'all' || item.state === state) &&
      labels.every((label) => item.labels.includes(label)) &&
      (!assignee || (assignee === 'none' ? item.assignees.length === 0 : assignee === '*' ? item.assignees.length > 0 : item.assignees.includes(assignee))) &&
      (!creator || item.user === creator) &&
      (!since || item.updated_at >= since) &&
      (!milestone || (milestone === 'none' ? item.milestone === null : milestone === '*' ? item.milestone !== null : item.milestone === Number(milestone))),
  );
  return paginate(request, sortItems(items, query.get('sort'), query.get('direction')), (item) => issueJson(repo, item));
}

/** Applies labels/assignees/milestone the way GitHub does for the viewer: only with push access. */
function applyTriage(repo: FakeRepo, item: FakeIssueBase, body: Record<string, unknown>) {
  const { state } = world();
  if (!hasPush(repo.collaborators[state.viewer])) return undefined;
  if (Array.isArray(body.labels)) {
    item.labels = body.labels.map((label) => (typeof label === 'string' ? label : String((label as { name?: string }).name)));
    for (const name of item.labels) {
      if (!repo.labels.some((label) => label.name === name)) repo.labels.push({ id: state.nextId(), name, color: 'ededed', description: null });
    }
  }
  if (Array.isArray(body.assignees)) {
    const unknown = (body.assignees as string[]).filter((login) => !repo.collaborators[login] && login !== repo.owner);
    if (unknown.length) return validationFailed('Issue', 'assignees');
    item.assignees = body.assignees as string[];
  }
  if ('milestone' in body) {
    const number = body.milestone === null ? null : Number(body.milestone);
    if (number !== null && !repo.milestones.some((milestone) => milestone.number === number)) return validationFailed('Issue', 'milestone');
    item.milestone = number;
  }
  return undefined;
}

function searchIssues(request: FakeRequest) {
  const { state } = world();
  const terms: string[] = [];
  const filters: Array<(repo: FakeRepo, item: FakeIssue | FakePull) => boolean> = [];
  for (const token of (request.query.get('q') ?? '').match(/(?:[^\s"]+|"[^"]*")+/g) ?? []) {
    const [qualifier, ...rest] = token.split(':');
    const value = rest.join(':').replace(/^"|"$/g, '');
    if (!rest.length) {
      terms.push(token.replace(/^"|"$/g, '').toLowerCase());
      continue;
    }
    switch (qualifier) {
      case 'repo':
        filters.push((repo) => `${repo.owner}/${repo.name}`.toLowerCase() === value.toLowerCase());
        break;
      case 'org':
      case 'user':
        filters.push((repo) => repo.owner.toLowerCase() === value.toLowerCase());
        break;
      case 'is':
      case 'type':
        filters.push((_repo, item) =>
          value === 'issue'
            ? !('head' in item)
            : value === 'pr'
              ? 'head' in item
              : value === 'open' || value === 'closed'
                ? item.state === value
                : value === 'merged'
                  ? 'head' in item && item.merged_at !== null
                  : true,
        );
        break;
      case 'state':
        filters.push((_repo, item) => item.state === value);
        break;
      case 'label':
        filters.push((_repo, item) => item.labels.includes(value));
        break;
      case 'author':
        filters.push((_repo, item) => item.user === value);
        break;
      case 'assignee':
        filters.push((_repo, item) => item.assignees.includes(value));
        break;
      case 'in':
        break;
      default:
        terms.push(token.toLowerCase());
    }
  }
  const visible = state.repos.filter((repo) => !repo.private || repo.collaborators[state.viewer]);
  const hits = visible.flatMap((repo) =>
    allItems(repo)
      .filter((item) => filters.every((filter) => filter(repo, item)))
      .filter((item) => terms.every((term) => `${item.title}\n${item.body ?? ''}`.toLowerCase().includes(term)))
      .map((item) => ({ repo, item })),
  );
  const sort = request.query.get('sort');
  const sorted = sort ? sortItems(hits, sort, request.query.get('order'), (hit) => hit.item) : hits;
  return paginate(
    request,
    sorted,
    ({ repo, item }) => ({ ...issueJson(repo, item), score: 1 }),
    (items) => ({ total_count: sorted.length, incomplete_results: false, items, search_type: 'lexical' }),
  );
}

export const issuesRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo/issues': withRepo(listIssues),

  'POST /repos/:owner/:repo/issues': withRepo((request, repo) => {
    const { state } = world();
    const body = request.json as Record<string, unknown>;
    const issue: FakeIssue = {
      ...newIssueBase({ id: state.nextId(), number: state.nextNumber(repo), title: String(body.title), user: state.viewer }),
      body: typeof body.body === 'string' ? body.body : null,
      state_reason: null,
    };
    const refused = applyTriage(repo, issue, body);
    if (refused) return refused;
    repo.issues.push(issue);
    return { status: 201, body: issueJson(repo, issue), headers: { location: `${world().url}/repos/${repo.owner}/${repo.name}/issues/${issue.number}` } };
  }),

  'GET /repos/:owner/:repo/issues/:issue_number': withRepo((request, repo) => {
    const item = findItem(repo, request.params.issue_number);
    return item ? { body: issueJson(repo, item) } : notFound();
  }),

  'PATCH /repos/:owner/:repo/issues/:issue_number': withRepo((request, repo) => {
    const item = findItem(repo, request.params.issue_number);
    if (!item) return notFound();
    const body = request.json as Record<string, unknown>;
    const refused = applyTriage(repo, item, body);
    if (refused) return refused;
    if (typeof body.title === 'string') item.title = body.title;
    if ('body' in body) item.body = (body.body as string | null) ?? null;
    if (body.state === 'open' || body.state === 'closed') {
      if (item.state !== body.state) item.closed_at = body.state === 'closed' ? now() : null;
      item.state = body.state;
      if ('state_reason' in item) item.state_reason = body.state === 'open' ? (item.state_reason ? 'reopened' : null) : 'completed';
    }
    if ('state_reason' in item && typeof body.state_reason === 'string') item.state_reason = body.state_reason as FakeIssue['state_reason'];
    item.updated_at = now();
    return { body: issueJson(repo, item) };
  }),

  'GET /repos/:owner/:repo/issues/:issue_number/comments': withRepo((request, repo) => {
    const item = findItem(repo, request.params.issue_number);
    if (!item) return notFound();
    const since = request.query.get('since');
    const comments = item.comments.filter((comment) => !since || comment.updated_at >= since);
    return paginate(request, comments, (comment) => commentJson(repo, item.number, comment));
  }),

  'POST /repos/:owner/:repo/issues/:issue_number/comments': withRepo((request, repo) => {
    const item = findItem(repo, request.params.issue_number);
    if (!item) return notFound();
    if (item.locked) return ghError(403, 'Unable to create comment because issue is locked.');
    const { state } = world();
    const comment = { id: state.nextId(), user: state.viewer, body: String((request.json as { body: string }).body), created_at: now(), updated_at: now() };
    item.comments.push(comment);
    item.updated_at = now();
    return { status: 201, body: commentJson(repo, item.number, comment) };
  }),

  'GET /search/issues': searchIssues,
};
