import { InvalidInputError, NotFoundError, urlPath } from '@toolbridge/core';
import * as z from 'zod';
import type { SentryContext } from '../define.js';

/** Inputs every tool may take: both default to SENTRY_ORG / SENTRY_PROJECT. */
export const organizationInput = z.string().min(1).optional();
export const projectInput = z.string().min(1).optional();

/**
 * The organization slug: the argument, SENTRY_ORG, or the only organization the token sees. With
 * several and no default, the error lists them.
 */
export async function organizationOf(context: SentryContext, given: string | undefined): Promise<string> {
  const chosen = given ?? context.settings.organization;
  if (chosen) return chosen;
  const slugs = await context.services.organizations.get('all', async () => {
    const { data } = await context.services.client.get<Array<{ slug?: string }>>('/organizations/', { per_page: 100 });
    return data.map((organization) => organization.slug).filter((slug): slug is string => Boolean(slug));
  });
  if (slugs.length === 1) return slugs[0]!;
  throw new InvalidInputError(slugs.length ? 'which organization? The token sees several' : 'the token sees no organization', {
    hint: slugs.length
      ? `Pass organization (one of ${slugs.slice(0, 20).join(', ')}), or set SENTRY_ORG for a default.`
      : 'Check that the token belongs to a member of an organization, and SENTRY_URL for a self-hosted or regional Sentry.',
  });
}

/** The project slug: the argument or SENTRY_PROJECT. */
export function projectOf(context: SentryContext, given: string | undefined): string {
  const chosen = given ?? context.settings.project;
  if (chosen) return chosen;
  throw new InvalidInputError('project is required', {
    hint: 'Pass project (a slug: sentry_list_projects lists them), or set SENTRY_PROJECT for a default.',
  });
}

/** A project's numeric id (stats and sessions filter by id), looked up once per slug. */
export function projectIdOf(context: SentryContext, organization: string, slug: string): Promise<string> {
  if (/^\d+$/.test(slug)) return Promise.resolve(slug);
  return context.services.projectIds.get(`${organization}/${slug}`, async () => {
    const { data } = await context.services.client.get<Array<{ id?: string | number; slug?: string }>>(urlPath`/organizations/${organization}/projects/`, {
      query: slug,
      per_page: 100,
    });
    const found = data.find((project) => project.slug === slug);
    if (found?.id === undefined) {
      throw new NotFoundError(`project "${slug}" is not in organization "${organization}", or the token cannot see it`, {
        hint: 'sentry_list_projects lists the projects; pass one of their slugs.',
      });
    }
    return String(found.id);
  });
}
