import type { RouteHandler } from '../../fake/index.js';
import { userJson } from '../shapes.js';
import type { FakeDeployment, FakeRepo } from '../state.js';
import { paginate, withRepo, world } from '../world.js';

/** Fake GitHub routes for the insights toolset (the Deployments API), following the REST API's documented shapes. */

function deploymentJson(repo: FakeRepo, deployment: FakeDeployment): Record<string, unknown> {
  const api = `${world().url}/repos/${repo.owner}/${repo.name}`;
  return {
    url: `${api}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: Buffer.from(`Deployment:${deployment.id}`).toString('base64'),
    sha: deployment.sha,
    ref: deployment.ref,
    task: 'deploy',
    payload: {},
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: null,
    creator: userJson(deployment.creator),
    created_at: deployment.created_at,
    updated_at: deployment.statuses.at(-1)?.created_at ?? deployment.created_at,
    statuses_url: `${api}/deployments/${deployment.id}/statuses`,
    repository_url: api,
    transient_environment: false,
    production_environment: deployment.environment === 'production',
  };
}

export const insightsRoutes: Record<string, RouteHandler> = {
  // Newest first, as GitHub lists them.
  'GET /repos/:owner/:repo/deployments': withRepo((request, repo) => {
    const { environment, ref, sha, task } = Object.fromEntries(['environment', 'ref', 'sha', 'task'].map((key) => [key, request.query.get(key)]));
    const deployments = repo.deployments
      .filter(
        (item) =>
          (!environment || item.environment === environment) && (!ref || item.ref === ref) && (!sha || item.sha === sha) && (!task || task === 'deploy'),
      )
      .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
    return paginate(request, deployments, (item) => deploymentJson(repo, item));
  }),
};
