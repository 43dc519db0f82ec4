import { annotations, compact, sanitizeUntrusted, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { issueEvent } from '../lib/event-fetch.js';
import { type ApiEvent, breadcrumbsText, crashContext, environmentOf, exceptionsOf, exceptionText, inAppFrames, tagsOf, userOf } from '../lib/event-shape.js';
import { issueInput, resolveIssue } from '../lib/issue-ref.js';
import { type ApiIssue, issueSummary, issueSummaryOutput } from '../lib/issue-shape.js';
import { toNumber } from '../lib/numbers.js';
import { organizationInput } from '../lib/scope.js';

interface ApiIssueDetails extends ApiIssue {
  tags?: Array<{ key?: string | null; totalValues?: number | null; topValues?: Array<{ value?: string | null; count?: number | null }> | null }> | null;
  firstRelease?: { version?: string | null } | null;
  lastRelease?: { version?: string | null } | null;
  userReportCount?: number | null;
  numComments?: number | null;
}

const MAX_FRAMES = 15;
const BREADCRUMBS = 10;
const TAGS = 12;

/** "chrome (62%), firefox (30%)": each tag's top three values with their share of events. */
function tagSummary(tags: ApiIssueDetails['tags']): Record<string, string> {
  const summary: Record<string, string> = {};
  for (const tag of (tags ?? []).slice(0, TAGS)) {
    const total = tag?.totalValues ?? 0;
    const values = (tag?.topValues ?? []).slice(0, 3).map((top) => {
      const share = total && top?.count ? ` (${Math.round((100 * top.count) / total)}%)` : '';
      return `${sanitizeUntrusted(String(top?.value ?? ''))}${share}`;
    });
    if (tag?.key && values.length) summary[tag.key] = values.join(', ');
  }
  return summary;
}

export const latestEventOutput = z.object({
  id: z.string().optional(),
  date: z.string().optional(),
  exception: z.string().optional(),
  in_app_frames: z.array(z.string()).optional().describe('Innermost first: file:line in function'),
  other_frames: z.array(z.string()).optional().describe('When no frame is in-app: the top frames'),
  crash_context: z.string().optional(),
  breadcrumbs: z.string().optional(),
  release: z.string().optional(),
  environment: z.string().optional(),
  runtime: z.string().optional(),
  user: z.string().optional(),
});

export const errorDetailsOutput = issueSummaryOutput.extend({
  priority: z.string().optional(),
  platform: z.string().optional(),
  first_release: z.string().optional(),
  last_release: z.string().optional(),
  user_reports: z.number().optional(),
  comments: z.number().optional(),
  permalink: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  event: latestEventOutput.optional(),
});

export const getErrorDetails = defineTool({
  name: 'sentry_get_error_details',
  title: 'Get error details',
  description:
    "One issue: counts, affected users, first/last seen, tag summary, and its latest event (or the URL's event): exception, in-app stack frames, breadcrumbs, release.",
  toolset: 'issues',
  input: () => z.object({ issue: issueInput, organization: organizationInput }),
  output: errorDetailsOutput,
  annotations: annotations.read,
  async handler(input, context) {
    const { organization, id, eventId } = await resolveIssue(context, input.issue, input.organization);
    const client = context.services.client;
    const issueRequest = client.get<ApiIssueDetails>(urlPath`/organizations/${organization}/issues/${id}/`);
    const projectOfIssue = async () => (await issueRequest).data.project?.slug ?? '';
    const [{ data: issue }, event] = await Promise.all([issueRequest, issueEvent(context, organization, id, eventId ?? 'latest', projectOfIssue)]);
    const tagged = tagSummary(issue.tags);
    return {
      ...issueSummary(issue),
      ...compact({
        priority: issue.priority,
        platform: issue.platform,
        first_release: issue.firstRelease?.version,
        last_release: issue.lastRelease?.version,
        user_reports: toNumber(issue.userReportCount) || undefined,
        comments: toNumber(issue.numComments) || undefined,
        permalink: issue.permalink,
        tags: Object.keys(tagged).length ? tagged : undefined,
      }),
      ...(event ? { event: latestEvent(event, `Sentry event of issue ${issue.shortId ?? id}`) } : {}),
    };
  },
});

/** The event part of the details: what a model needs to find the cause. */
function latestEvent(event: ApiEvent, source: string): z.input<typeof latestEventOutput> {
  const [exception] = exceptionsOf(event);
  const frames = inAppFrames(exception, MAX_FRAMES);
  const tags = tagsOf(event);
  return compact({
    id: event.eventID ?? event.id,
    date: event.dateCreated ?? event.dateReceived,
    exception: exceptionText(exception, source) ?? (event.title ? sanitizeUntrusted(event.title) : undefined),
    in_app_frames: frames.inApp ? frames.frames : undefined,
    other_frames: !frames.inApp && frames.frames.length ? frames.frames : undefined,
    crash_context: crashContext(exception, source),
    breadcrumbs: breadcrumbsText(event, BREADCRUMBS, source),
    release: event.release?.version ?? tags.release,
    environment: tags.environment,
    runtime: environmentOf(event),
    user: userOf(event),
  });
}
