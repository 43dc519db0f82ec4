import type { FakeRequest, FakeResponse, RouteHandler } from '../fake/index.js';
import { linkPaged, notFound, sentryError } from './paging.js';
import { periodMs, searchIssues } from './search.js';
import {
  commitItem,
  eventDetails,
  eventListItem,
  groupBase,
  groupDetails,
  groupListItem,
  organizationItem,
  projectListItem,
  releaseItem,
  type World,
} from './shapes.js';
import type { SeedIssue } from './state.js';

type Handler = (request: FakeRequest, world: World) => FakeResponse;

const API = '/api/0';
const HOUR = 3_600_000;

/** Routes for one organization: a request naming another gets Sentry's 404. */
const inOrganization =
  (handler: Handler): Handler =>
  (request, world) =>
    request.params.org === world.state.organization.slug || request.params.org === world.state.organization.id ? handler(request, world) : notFound();

const findIssue = (world: World, id: string | undefined) => world.state.issues.find((issue) => issue.id === id);
const withIssue = (handler: (request: FakeRequest, world: World, issue: SeedIssue) => FakeResponse): Handler =>
  inOrganization((request, world) => {
    const issue = findIssue(world, request.params.id);
    return issue ? handler(request, world, issue) : notFound();
  });

const eventOf = (issue: SeedIssue, id: string) => {
  if (id === 'latest' || id === 'recommended') return issue.events[0];
  if (id === 'oldest') return issue.events.at(-1);
  return issue.events.find((event) => event.eventID === id);
};

const routes: Record<string, Handler> = {
  'GET /organizations/': (_request, world) => ({ body: [organizationItem(world)] }),

  'GET /organizations/:org/issues/': inOrganization((request, world) => {
    const found = searchIssues(world.state, {
      query: request.query.get('query') ?? 'is:unresolved',
      projectIds: request.query.getAll('project'),
      periodMs: periodMs(request.query.get('statsPeriod') ?? '14d'),
      sort: request.query.get('sort') ?? 'date',
      now: Date.now(),
      shortIdLookup: request.query.get('shortIdLookup') === '1',
    });
    const page = linkPaged(request, found, (issue) => groupListItem(world, issue), 'limit');
    return { ...page, headers: { ...page.headers, 'x-hits': String(found.length), 'x-max-hits': '1000' } };
  }),

  'GET /organizations/:org/issues/:id/': withIssue((_request, world, issue) => ({ body: groupDetails(world, issue) })),

  'PUT /organizations/:org/issues/:id/': withIssue((request, world, issue) => {
    const body = (request.json ?? {}) as { status?: string; assignedTo?: string; statusDetails?: { ignoreDuration?: number; ignoreCount?: number } };
    world.state.updates.push({ issue: issue.id, body: body as Record<string, unknown> });
    if (body.status) {
      issue.status = body.status === 'resolvedInNextRelease' ? 'resolved' : (body.status as SeedIssue['status']);
      issue.substatus = issue.status === 'unresolved' ? 'ongoing' : issue.status === 'ignored' ? 'archived_until_condition_met' : null;
      const minutes = body.statusDetails?.ignoreDuration;
      issue.statusDetails = minutes
        ? { ignoreUntil: new Date(Date.now() + minutes * 60_000).toISOString() }
        : body.status === 'resolvedInNextRelease'
          ? { inNextRelease: true }
          : {};
    }
    if (body.assignedTo !== undefined) {
      const team = /^team:(.+)$/.exec(body.assignedTo);
      if (!body.assignedTo) delete issue.assignedTo;
      else if (team) issue.assignedTo = { type: 'team', id: '7', name: team[1]! };
      else if (body.assignedTo.includes('@') || body.assignedTo === 'ada') issue.assignedTo = { type: 'user', id: '3', name: 'Ada', email: 'ada@example.com' };
      else return sentryError(400, `Unknown actor input: ${body.assignedTo}`);
    }
    return { body: groupBase(world, issue) };
  }),

  'GET /organizations/:org/issues/:id/events/': withIssue((request, world, issue) =>
    linkPaged(request, issue.events, (event) => eventListItem(world, issue, event)),
  ),

  'GET /organizations/:org/issues/:id/events/:eventId/': withIssue((request, world, issue) => {
    const event = eventOf(issue, request.params.eventId!);
    return event ? { body: eventDetails(world, issue, event, issue.events.indexOf(event)) } : notFound();
  }),

  'GET /organizations/:org/shortids/:shortId/': inOrganization((request, world) => {
    const issue = world.state.issues.find((candidate) => candidate.shortId === request.params.shortId?.toUpperCase());
    if (!issue) return notFound();
    return {
      body: {
        organizationSlug: world.state.organization.slug,
        projectSlug: issue.project,
        groupId: issue.id,
        group: groupBase(world, issue),
        shortId: issue.shortId,
      },
    };
  }),

  'GET /organizations/:org/eventids/:eventId/': inOrganization((request, world) => {
    for (const issue of world.state.issues) {
      const event = issue.events.find((candidate) => candidate.eventID === request.params.eventId);
      if (!event) continue;
      const details = eventDetails(world, issue, event, issue.events.indexOf(event));
      return {
        body: { organizationSlug: world.state.organization.slug, projectSlug: issue.project, groupId: issue.id, eventId: event.eventID, event: details },
      };
    }
    return notFound();
  }),

  'GET /projects/:org/:project/events/:eventId/': inOrganization((request, world) => {
    const issue = world.state.issues.find(
      (candidate) => candidate.project === request.params.project && candidate.events.some((event) => event.eventID === request.params.eventId),
    );
    const event = issue?.events.find((candidate) => candidate.eventID === request.params.eventId);
    return issue && event ? { body: eventDetails(world, issue, event, issue.events.indexOf(event)) } : notFound();
  }),

  'GET /projects/:org/:project/user-feedback/': inOrganization((request, world) => {
    if (!world.state.projects.some((project) => project.slug === request.params.project)) return notFound();
    const reports = world.state.feedback
      .filter((report) => findIssue(world, report.issueId ?? undefined)?.project === request.params.project)
      .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    return linkPaged(
      request,
      reports,
      (report) => {
        const issue = findIssue(world, report.issueId ?? undefined);
        return {
          id: report.id,
          eventID: report.eventID,
          name: report.name,
          email: report.email,
          comments: report.comments,
          dateCreated: report.dateCreated,
          event: { id: report.eventID, eventID: report.eventID },
          issue: issue ? groupBase(world, issue) : null,
          user: null,
        };
      },
      'per_page',
      world.feedbackPageSize,
    );
  }),

  'GET /organizations/:org/projects/': inOrganization((request, world) => {
    const query = request.query.get('query')?.toLowerCase();
    const projects = world.state.projects.filter((project) => !query || project.slug.includes(query) || project.name.toLowerCase().includes(query));
    return linkPaged(request, projects, (project) => projectListItem(world, project));
  }),

  'GET /organizations/:org/releases/': inOrganization((request, world) => {
    const ids = request.query.getAll('project');
    const query = request.query.get('query')?.toLowerCase();
    const releases = world.state.releases
      .filter((release) => !ids.length || ids.includes(world.state.projects.find((project) => project.slug === release.project)!.id))
      .filter((release) => !query || release.version.toLowerCase().includes(query))
      .sort((a, b) => b.dateCreated.localeCompare(a.dateCreated));
    return linkPaged(request, releases, (release) => releaseItem(world, release));
  }),

  'GET /organizations/:org/releases/:version/': inOrganization((request, world) => {
    const release = world.state.releases.find((candidate) => candidate.version === request.params.version);
    return release ? { body: releaseItem(world, release) } : notFound();
  }),

  'GET /organizations/:org/releases/:version/commits/': inOrganization((request, world) => {
    const release = world.state.releases.find((candidate) => candidate.version === request.params.version);
    return release ? linkPaged(request, release.commits, (commit) => commitItem(release, commit)) : notFound();
  }),

  'GET /organizations/:org/releases/:version/deploys/': inOrganization((request, world) => {
    const release = world.state.releases.find((candidate) => candidate.version === request.params.version);
    return release ? linkPaged(request, release.deploys, (deploy) => ({ ...deploy, dateStarted: null, url: null })) : notFound();
  }),

  // Accepted error events per interval: each project's hourly rate, higher in the current period than before.
  'GET /organizations/:org/stats_v2/': inOrganization((request, world) => {
    const span = periodMs(request.query.get('statsPeriod'));
    const step = periodMs(request.query.get('interval') ?? '1h');
    if (!span || !step) return sentryError(400, 'statsPeriod and interval must look like 24h, 7d or 1h');
    const ids = request.query.getAll('project');
    const projects = world.state.projects.filter((project) => !ids.length || ids.includes(project.id));
    const now = Date.now();
    const start = Math.floor((now - span) / step) * step;
    const intervals: string[] = [];
    const series: number[] = [];
    for (let at = start; at < now; at += step) {
      intervals.push(new Date(at).toISOString().replace('.000Z', 'Z'));
      const current = at >= now - span / 2;
      series.push(projects.reduce((sum, project) => sum + (current ? project.hourly.current : project.hourly.previous) * (step / HOUR), 0));
    }
    const total = series.reduce((sum, value) => sum + value, 0);
    return {
      body: {
        start: intervals[0],
        end: new Date(now).toISOString(),
        intervals,
        groups: [{ by: { outcome: 'accepted' }, totals: { 'sum(quantity)': total }, series: { 'sum(quantity)': series } }],
      },
    };
  }),

  'GET /organizations/:org/sessions/': inOrganization((request, world) => {
    const ids = request.query.getAll('project');
    const withSessions = world.state.projects.filter((project) => (!ids.length || ids.includes(project.id)) && project.sessions);
    const now = new Date().toISOString();
    const groups = withSessions.map((project) => ({
      by: {},
      series: {},
      totals: {
        'sum(session)': project.sessions!.total,
        'crash_free_rate(session)': project.sessions!.crashFreeSessions,
        'crash_free_rate(user)': project.sessions!.crashFreeUsers,
      },
    }));
    return { body: { start: now, end: now, intervals: [], groups, query: request.query.get('query') ?? '' } };
  }),
};

/** The routes keyed "METHOD /api/0/path" as startFake takes them, each bound to the world. */
export function sentryRoutes(world: World): Record<string, RouteHandler> {
  return Object.fromEntries(
    Object.entries(routes).map(([key, handler]) => {
      const [method, path] = key.split(' ') as [string, string];
      return [`${method} ${API}${path}`, (request: FakeRequest) => handler(request, world)];
    }),
  );
}
