import { annotations, compact, sanitizeUntrusted, tableOf, truncate, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { type ApiIssue, issueSummary, issueTable } from '../lib/issue-shape.js';
import { type ApiRelease, releaseSummary, releaseSummaryOutput } from '../lib/release-shape.js';
import { organizationInput, organizationOf } from '../lib/scope.js';

interface ApiCommit {
  id: string;
  message?: string | null;
  dateCreated?: string | null;
  author?: { name?: string | null; email?: string | null } | null;
  repository?: { name?: string | null } | null;
}

interface ApiDeploy {
  environment?: string | null;
  dateFinished?: string | null;
  name?: string | null;
  url?: string | null;
}

const COMMITS = 20;
const NEW_ISSUES = 10;

const commitTable = tableOf(() =>
  z.object({ sha: z.string(), message: z.string().optional(), author: z.string().optional(), repository: z.string().optional() }),
);
const deployTable = tableOf(() => z.object({ environment: z.string().optional(), finished: z.string().optional(), name: z.string().optional() }));

export const getRelease = defineTool({
  name: 'sentry_get_release',
  title: 'Get release',
  description: 'One release: its commits (suspects for new errors), deploys per environment, and the issues first seen in it.',
  toolset: 'releases',
  input: () => z.object({ version: z.string().min(1), organization: organizationInput }),
  output: () =>
    releaseSummaryOutput.extend({
      ref: z.string().optional(),
      first_event: z.string().optional(),
      last_event: z.string().optional(),
      commit_list: commitTable.schema,
      more_commits: z.boolean().optional(),
      deploy_list: deployTable.schema,
      new_issue_list: issueTable.schema,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const organization = await organizationOf(context, input.organization);
    const client = context.services.client;
    const base = urlPath`/organizations/${organization}/releases/${input.version}/`;
    const [release, commits, deploys, fresh] = await Promise.all([
      client.get<ApiRelease>(base),
      client.get<ApiCommit[]>(`${base}commits/`),
      client.get<ApiDeploy[]>(`${base}deploys/`),
      client.get<ApiIssue[]>(urlPath`/organizations/${organization}/issues/`, {
        query: `firstRelease:"${input.version.replaceAll('"', '\\"')}"`,
        statsPeriod: '90d',
        sort: 'freq',
        limit: NEW_ISSUES,
        collapse: ['stats', 'lifetime', 'filtered'],
      }),
    ]);
    return {
      ...releaseSummary(release.data),
      ...compact({ ref: release.data.ref, first_event: release.data.firstEvent, last_event: release.data.lastEvent }),
      // Commit messages are written by whoever pushed: sanitized and cut to their first line.
      commit_list: commitTable.of(
        commits.data.slice(0, COMMITS).map((commit) => ({
          sha: commit.id.slice(0, 12),
          ...compact({
            message: commit.message ? truncate(sanitizeUntrusted(commit.message.split('\n', 1)[0] ?? ''), 200) : undefined,
            author: commit.author?.name ?? commit.author?.email,
            repository: commit.repository?.name,
          }),
        })),
      ),
      ...compact({ more_commits: commits.data.length > COMMITS || Boolean(commits.nextCursor) || undefined }),
      deploy_list: deployTable.of(deploys.data.map((deploy) => compact({ environment: deploy.environment, finished: deploy.dateFinished, name: deploy.name }))),
      new_issue_list: issueTable.of(fresh.data.map(issueSummary)),
    };
  },
});
