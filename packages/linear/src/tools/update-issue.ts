import { annotations, compact, InvalidInputError, UpstreamError } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { document } from '../lib/documents.js';
import { issueFields, issueInputFields } from '../lib/issue-input.js';
import { type ApiIssueSummary, ISSUE_SUMMARY, issueInput, issueSummary, issueSummaryOutput } from '../lib/issue-shape.js';
import { markdown, parseIdentifier, resolveLabels, resolveTeam } from '../lib/resolve.js';

// The comment rides in the same request (skipped by @include when there is none).
const UPDATE_ISSUE = document(
  'UpdateIssue',
  `mutation UpdateIssue($id: String!, $input: IssueUpdateInput!, $comment: CommentCreateInput!, $withComment: Boolean!) {
  issueUpdate(id: $id, input: $input) { success issue { ...IssueSummary } }
  commentCreate(input: $comment) @include(if: $withComment) { success comment { url } }
}
${ISSUE_SUMMARY}`,
);

export const updateIssue = defineTool({
  name: 'linear_update_issue',
  title: 'Update issue',
  description: 'Changes an issue and/or comments on it, in one request. Omitted fields stay; "none" clears assignee, project or cycle.',
  toolset: 'issues',
  input: () =>
    z.object({
      issue: issueInput,
      ...issueFields,
      add_labels: z.array(z.string()).optional(),
      remove_labels: z.array(z.string()).optional(),
      title: z.string().min(1).max(255).optional(),
      description: z.string().optional().describe('Replaces it (markdown)'),
      comment: z.string().min(1).optional().describe('Markdown'),
    }),
  output: () => issueSummaryOutput.extend({ comment_url: z.string().optional() }),
  annotations: annotations.write,
  async handler(input, context) {
    const { issue, add_labels, remove_labels, comment, ...values } = input;
    const changes = Object.values(values).some((value) => value !== undefined) || add_labels?.length || remove_labels?.length;
    if (!changes && !comment) {
      throw new InvalidInputError('nothing to change', { hint: 'Pass a field to change (state, assignee, …) and/or a comment.' });
    }
    const { identifier, teamKey } = parseIdentifier(issue);
    const team = await resolveTeam(context, teamKey);
    const fields = await issueInputFields(context, values, team);
    if (add_labels?.length) fields.addedLabelIds = (await resolveLabels(context, add_labels, team)).map((label) => label.id);
    if (remove_labels?.length) fields.removedLabelIds = (await resolveLabels(context, remove_labels, team)).map((label) => label.id);
    const result = await context.services.client.requestMutations<{
      issueUpdate: { issue: ApiIssueSummary };
      commentCreate?: { comment: { url: string } };
    }>(UPDATE_ISSUE, {
      id: identifier,
      input: fields,
      comment: { issueId: identifier, body: comment ? markdown(comment) : '' },
      withComment: Boolean(comment),
    });
    if (result.failure) {
      const { failure } = result;
      // The update runs first: when the comment is what failed, the change is made and must not be retried blindly.
      if (result.failedField !== 'commentCreate') throw failure;
      throw new UpstreamError('Linear', failure.status, `${identifier} was updated, but the comment was refused: ${failure.message}`, {
        kind: failure.kind,
        hint: 'Post the comment alone with linear_add_comment; the update needs no retry.',
      });
    }
    return { ...issueSummary(result.data.issueUpdate.issue), ...compact({ comment_url: result.data.commentCreate?.comment.url }) };
  },
});
