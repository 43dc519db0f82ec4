import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { document } from '../lib/documents.js';
import { issueFields, issueInputFields } from '../lib/issue-input.js';
import { type ApiIssueSummary, ISSUE_SUMMARY, issueSummary, issueSummaryOutput } from '../lib/issue-shape.js';
import { resolveTeam, teamInput } from '../lib/resolve.js';

const CREATE_ISSUE = document(
  'CreateIssue',
  `mutation CreateIssue($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { ...IssueSummary url } }
}
${ISSUE_SUMMARY}`,
);

export const createIssue = defineTool({
  name: 'linear_create_issue',
  title: 'Create issue',
  description: 'Creates an issue in a team (default LINEAR_TEAM), every field by name.',
  toolset: 'issues',
  input: () =>
    z.object({
      title: z.string().min(1).max(255),
      description: z.string().optional().describe('Markdown'),
      team: teamInput,
      labels: z.array(z.string()).optional(),
      ...issueFields,
    }),
  output: () => issueSummaryOutput.extend({ url: z.string() }),
  annotations: annotations.write,
  async handler(input, context) {
    const team = await resolveTeam(context, input.team);
    const fields = await issueInputFields(context, input, team);
    const { issueCreate } = await context.services.client.request<{ issueCreate: { issue: ApiIssueSummary & { url: string } } }>(CREATE_ISSUE, {
      input: { teamId: team.id, ...fields },
    });
    return { ...issueSummary(issueCreate.issue), url: issueCreate.issue.url };
  },
});
