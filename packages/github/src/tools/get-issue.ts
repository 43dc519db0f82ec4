import { defineTool } from '@toolbridge/core';
import { z } from 'zod';
import { type GitHubContext, github, repoOf } from '../client.js';
import { issueDetail, issueOutput } from '../lib/issue-shape.js';
import { repoInput } from '../lib/repo-input.js';
import { contentGate } from '../lockdown.js';

export const getIssue = defineTool({
  name: 'github_get_issue',
  title: 'Get issue',
  description: 'One issue with its body, labels, assignees and state. For several at once use github_get_issues.',
  toolset: 'issues',
  input: z.object({ ...repoInput, issue_number: z.number().int().min(1) }),
  output: issueOutput,
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  async handler(input, context: GitHubContext) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await github(context);
    const [{ data }, gate] = await Promise.all([rest.issues.get({ owner, repo, issue_number: input.issue_number }), contentGate(context, owner, repo)]);
    return issueDetail(data, gate);
  },
});
