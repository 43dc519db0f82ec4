import { InvalidInputError, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import type { SentryContext } from '../define.js';
import { organizationOf } from './scope.js';

export const issueInput = z.string().min(1).describe('Numeric id, short id (PROJ-1A) or issue URL');

/** What an issue argument names, before any lookup. */
export interface IssueRef {
  id?: string;
  shortId?: string;
  /** From a URL: /organizations/<org>/… or <org>.sentry.io. */
  organization?: string;
  /** From a URL to one event: …/issues/<id>/events/<event id>/. */
  eventId?: string;
}

const NUMERIC = /^\d+$/;
// Project slugs may hold dashes and digits; the suffix is base32-ish (PROJ-1A, MY-APP-3F2).
const SHORT_ID = /^[A-Za-z0-9][\w-]*-[A-Za-z0-9]+$/;
const REGION_HOSTS = new Set(['us', 'de', 'www', 'sentry']);

/** Reads a numeric id, a short id or an issue URL; trailing punctuation a model adds ("PROJ-1A.") is ignored. */
export function parseIssueRef(text: string): IssueRef {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) return parseIssueUrl(trimmed);
  const cleaned = trimmed.replace(/^#/, '').replace(/[.,;:!?)\]'"`]+$/, '');
  if (NUMERIC.test(cleaned)) return { id: cleaned };
  if (SHORT_ID.test(cleaned)) return { shortId: cleaned.toUpperCase() };
  throw new InvalidInputError(`issue ${JSON.stringify(text.slice(0, 100))} is not an issue id, short id or issue URL`, {
    hint: 'Pass a numeric id (4512345678), a short id (PROJ-1A) or the issue URL from Sentry.',
  });
}

function parseIssueUrl(text: string): IssueRef {
  const url = new URL(text);
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const at = parts.indexOf('issues');
  const issue = at >= 0 ? parts[at + 1] : undefined;
  if (!issue) {
    throw new InvalidInputError(`${url.origin}${url.pathname} is not an issue URL`, {
      hint: 'Pass a URL like https://sentry.io/organizations/<org>/issues/<id>/, or the id itself.',
    });
  }
  const ref = parseIssueRef(issue);
  const orgAt = parts.indexOf('organizations');
  const subdomain = url.hostname.endsWith('.sentry.io') ? url.hostname.split('.')[0] : undefined;
  const organization = orgAt >= 0 ? parts[orgAt + 1] : subdomain && !REGION_HOSTS.has(subdomain) ? subdomain : undefined;
  const eventId = parts[at + 2] === 'events' ? parts[at + 3] : undefined;
  return { ...ref, ...(organization ? { organization } : {}), ...(eventId ? { eventId } : {}) };
}

export interface ResolvedIssue {
  organization: string;
  /** The numeric id the API takes. */
  id: string;
  eventId?: string;
}

/** The organization and numeric id of an issue argument; a short id is looked up once (shortids endpoint). */
export async function resolveIssue(context: SentryContext, issue: string, organizationArg?: string): Promise<ResolvedIssue> {
  const ref = parseIssueRef(issue);
  const organization = ref.organization ?? (await organizationOf(context, organizationArg));
  const eventId = ref.eventId ? { eventId: ref.eventId } : {};
  if (ref.id) return { organization, id: ref.id, ...eventId };
  const shortId = ref.shortId!;
  const id = await context.services.issueIds.get(`${organization}/${shortId}`, async () => {
    const { data } = await context.services.client.get<{ groupId?: string | number; group?: { id?: string } }>(
      urlPath`/organizations/${organization}/shortids/${shortId}/`,
    );
    return String(data.groupId ?? data.group?.id);
  });
  return { organization, id, ...eventId };
}
