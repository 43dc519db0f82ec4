import { annotations, compact, InvalidInputError, NotFoundError, sanitizeUntrusted, untrusted, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';
import { issueEvent } from '../lib/event-fetch.js';
import {
  type ApiEvent,
  breadcrumbsText,
  crashContext,
  environmentOf,
  exceptionsOf,
  exceptionText,
  frameLine,
  framesOf,
  messageOf,
  requestText,
  tagsOf,
  userOf,
} from '../lib/event-shape.js';
import { resolveIssue } from '../lib/issue-ref.js';
import { organizationInput, organizationOf, projectInput } from '../lib/scope.js';

const MAX_FRAMES = 40;
const BREADCRUMBS = 30;

/** Frames innermost first, in-app ones as they are and runs of library frames folded into one line. */
function stackLines(frames: ReturnType<typeof framesOf>): string[] {
  const lines: string[] = [];
  let library = 0;
  const flush = () => {
    if (library) lines.push(`… ${library} library frame${library === 1 ? '' : 's'}`);
    library = 0;
  };
  for (const frame of frames.slice(0, MAX_FRAMES)) {
    if (frame.inApp === false && frames.some((other) => other.inApp)) library += 1;
    else {
      flush();
      lines.push(frameLine(frame));
    }
  }
  flush();
  if (frames.length > MAX_FRAMES) lines.push(`… ${frames.length - MAX_FRAMES} more frames`);
  return lines;
}

export const getEvent = defineTool({
  name: 'sentry_get_event',
  title: 'Get event',
  description:
    'One event in full: every exception in the chain with its stack, breadcrumbs, tags, request (redacted), runtime. event_id: 32 hex digits, or latest/oldest/recommended with issue.',
  toolset: 'issues',
  input: () =>
    z.object({
      event_id: z.string().regex(/^([0-9a-fA-F]{32}|[0-9a-fA-F-]{36}|latest|oldest|recommended)$/, 'expected 32 hex digits, or latest, oldest or recommended'),
      issue: z.string().min(1).optional(),
      project: projectInput,
      organization: organizationInput,
    }),
  output: () =>
    z.object({
      id: z.string(),
      issue_id: z.string().optional(),
      title: z.string().optional(),
      message: z.string().optional(),
      date: z.string().optional(),
      platform: z.string().optional(),
      exceptions: z.array(z.object({ exception: z.string().optional(), handled: z.boolean().optional(), stack: z.array(z.string()) })).optional(),
      crash_context: z.string().optional(),
      breadcrumbs: z.string().optional(),
      request: z.string().optional(),
      tags: z.record(z.string(), z.string()).optional(),
      runtime: z.string().optional(),
      user: z.string().optional(),
      release: z.string().optional(),
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const eventId = input.event_id.replaceAll('-', '');
    const relative = eventId.length !== 32;
    let event: ApiEvent | undefined;
    if (input.issue) {
      const issue = await resolveIssue(context, input.issue, input.organization);
      const project = async () =>
        input.project ??
        (await context.services.client.get<{ project?: { slug?: string } }>(urlPath`/organizations/${issue.organization}/issues/${issue.id}/`)).data.project
          ?.slug ??
        '';
      event = await issueEvent(context, issue.organization, issue.id, eventId, project);
      if (!event)
        throw new NotFoundError(`issue ${input.issue} has no ${relative ? eventId : `event ${eventId}`}`, {
          hint: 'sentry_list_issue_events lists the events Sentry still keeps.',
        });
    } else if (relative) {
      throw new InvalidInputError(`event_id ${eventId} needs the issue it belongs to`, {
        hint: 'Pass issue with latest, oldest or recommended, or a 32-digit event id.',
      });
    } else {
      const organization = await organizationOf(context, input.organization);
      const project = input.project ?? context.settings.project;
      event = project
        ? (await context.services.client.get<ApiEvent>(urlPath`/projects/${organization}/${project}/events/${eventId.toLowerCase()}/`)).data
        : // Without a project, the organization-wide lookup finds the event wherever it is.
          ((await context.services.client.get<{ event: ApiEvent }>(urlPath`/organizations/${organization}/eventids/${eventId.toLowerCase()}/`)).data.event ??
          {});
    }
    const source = `Sentry event ${event.eventID ?? eventId}`;
    const exceptions = exceptionsOf(event);
    const tags = tagsOf(event);
    const message = messageOf(event);
    return {
      id: String(event.eventID ?? event.id ?? eventId),
      ...compact({
        issue_id: event.groupID ?? undefined,
        title: event.title ? sanitizeUntrusted(event.title) : undefined,
        message: message && message !== event.title ? untrusted(message, `${source} message`) : undefined,
        date: event.dateCreated ?? event.dateReceived,
        platform: event.platform,
        exceptions: exceptions.length
          ? exceptions.map((exception) => ({
              stack: stackLines(framesOf(exception)),
              ...compact({ exception: exceptionText(exception, source), handled: exception.mechanism?.handled }),
            }))
          : undefined,
        crash_context: crashContext(exceptions[0], source),
        breadcrumbs: breadcrumbsText(event, BREADCRUMBS, source),
        request: requestText(event, source),
        tags: Object.keys(tags).length ? tags : undefined,
        runtime: environmentOf(event),
        user: userOf(event),
        release: event.release?.version ?? tags.release,
      }),
    };
  },
});
