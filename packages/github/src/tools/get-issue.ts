import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { repoOf } from '../client.js';
import { defineTool } from '../define.js';
import { issueDetail, issueOutput } from '../lib/issue-shape.js';
import { repoInput } from '../lib/repo-input.js';
import { contentGate } from '../lockdown.js';

export const getIssue = defineTool({
  name: 'github_get_issue',
  title: 'Get issue',
  description: 'One issue with its body, labels, assignees and state. For several at once use github_get_issues.',
  toolset: 'issues',
  input: () => z.object({ ...repoInput, issue_number: z.number().int().min(1) }),
  output: issueOutput,
  annotations: annotations.read,
  async handler(input, context) {
    const { owner, repo } = repoOf(context, input);
    const { rest } = await context.services.github;
    const [{ data }, gate] = await Promise.all([rest.issues.get({ owner, repo, issue_number: input.issue_number }), contentGate(context, owner, repo)]);
    return issueDetail(data, gate);
  },
});
