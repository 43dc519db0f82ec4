import type { RouteHandler } from '../../fake/index.js';
import { fullRepoJson, hasPush, repoJson, userJson } from '../shapes.js';
import { ghError, paginate, withRepo, world } from '../world.js';

/**
 * Routes every toolset relies on: repository metadata, a user's permission on a repository (lockdown
 * asks it) and the viewer's repositories.
 */
export const commonRoutes: Record<string, RouteHandler> = {
  'GET /repos/:owner/:repo': withRepo((_request, repo) => ({ body: fullRepoJson(repo) })),

  'GET /repos/:owner/:repo/collaborators/:username/permission': withRepo((request, repo) => {
    const { state } = world();
    if (!hasPush(repo.collaborators[state.viewer])) return ghError(403, 'Must have push access to view collaborator permission.');
    const login = request.params.username!;
    if (!state.users[login]) return ghError(404, 'Not Found');
    const role = repo.collaborators[login] ?? (repo.private ? 'none' : 'read');
    // `permission` is the legacy value (maintain counts as write, triage as read); role_name is exact.
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return { body: { permission, role_name: role, user: { ...userJson(login), role_name: role } } };
  }),

  'GET /user/repos': (request) => {
    const { state } = world();
    const visibility = request.query.get('visibility') ?? 'all';
    const mine = state.repos.filter((repo) => repo.collaborators[state.viewer] && (visibility === 'all' || (visibility === 'private') === repo.private));
    const key = request.query.get('sort') ?? 'full_name';
    const sorted = [...mine].sort((a, b) =>
      key === 'full_name' ? `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`) : b.pushed_at.localeCompare(a.pushed_at),
    );
    return paginate(request, sorted, repoJson);
  },
};
