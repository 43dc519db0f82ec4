import type { SeedEvent, SeedIssue, SeedProject, SeedRelease, SentryState } from './state.js';

/** The fake's answers, shaped as Sentry serializes them (every field its description requires). */

type Json = Record<string, unknown>;

export interface World {
  state: SentryState;
  /** Where the fake serves, for permalinks. */
  url: string;
  /** User reports per page (Sentry: 100); small in tests that page. */
  feedbackPageSize: number;
}

const projectOf = (world: World, slug: string) => world.state.projects.find((project) => project.slug === slug)!;

/** The fields every serialized group (issue) has. */
export function groupBase(world: World, issue: SeedIssue): Json {
  const project = projectOf(world, issue.project);
  return {
    id: issue.id,
    shareId: null,
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit,
    permalink: `${world.url}/organizations/${world.state.organization.slug}/issues/${issue.id}/`,
    logger: null,
    level: issue.level,
    status: issue.status,
    statusDetails: issue.statusDetails,
    substatus: issue.substatus,
    isPublic: false,
    platform: project.platform,
    priority: issue.level === 'error' ? 'high' : 'medium',
    priorityLockedAt: null,
    seerFixabilityScore: null,
    seerAutofixLastTriggered: null,
    seerExplorerAutofixLastTriggered: null,
    project: { id: project.id, name: project.name, slug: project.slug, platform: project.platform },
    type: 'error',
    issueType: 'error',
    issueCategory: 'error',
    metadata: { type: issue.title.split(':')[0], value: issue.title },
    numComments: 0,
    assignedTo: issue.assignedTo ?? null,
    isBookmarked: false,
    isSubscribed: false,
    subscriptionDetails: null,
    hasSeen: true,
    annotations: [],
  };
}

const derivedData = {
  blocker: '',
  progress: '',
  status: '',
  viewCount: 0,
  hasOpenFixPr: false,
  isAssigned: false,
  hasRootCause: false,
  lastCompletedAutofixStep: '',
  lastProgressedAt: null,
};

/** A group as the issue search lists it. */
export function groupListItem(world: World, issue: SeedIssue): Json {
  const counts = { count: String(issue.count), userCount: issue.userCount, firstSeen: issue.firstSeen, lastSeen: issue.lastSeen };
  return {
    ...groupBase(world, issue),
    ...counts,
    isUnhandled: issue.isUnhandled,
    derivedData,
    stats: {},
    lifetime: {},
    filtered: null,
    sessionCount: 0,
    inbox: { reason: 0, reason_details: null, date_added: issue.firstSeen },
    owners: { type: 'ownershipRule', owner: 'team:1', date_added: issue.firstSeen },
    integrationIssues: [],
    sentryAppIssues: [],
    latestEventHasAttachments: false,
    matchingEventId: null,
    matchingEventEnvironment: null,
  };
}

/** A group as its details endpoint returns it. */
export function groupDetails(world: World, issue: SeedIssue): Json {
  return {
    ...groupBase(world, issue),
    isUnhandled: issue.isUnhandled,
    count: String(issue.count),
    userCount: issue.userCount,
    firstSeen: issue.firstSeen,
    lastSeen: issue.lastSeen,
    firstRelease: issue.firstRelease ? { version: issue.firstRelease } : null,
    lastRelease: issue.firstRelease ? { version: issue.firstRelease } : null,
    tags: issue.tags.map((tag) => ({ ...tag, name: tag.key, topValues: tag.topValues.map((top) => ({ ...top, key: tag.key, name: top.value })) })),
    activity: [],
    seenBy: [],
    participants: [],
    userReportCount: world.state.feedback.filter((report) => report.issueId === issue.id).length,
  };
}

const frames = (list: SeedEvent['exception'] extends infer E ? (E extends { frames: infer F } ? F : never) : never) =>
  list.map((frame) => ({
    filename: frame.filename,
    absPath: frame.filename,
    module: null,
    package: null,
    platform: null,
    instructionAddr: null,
    symbolAddr: null,
    function: frame.function,
    rawFunction: null,
    symbol: null,
    context: frame.context ?? [],
    lineNo: frame.lineNo,
    colNo: frame.colNo ?? null,
    inApp: frame.inApp,
    trust: null,
    errors: null,
    vars: null,
  }));

function entries(event: SeedEvent): Json[] {
  const exceptions = [event.cause, event.exception].filter(Boolean).map((exception) => ({
    type: exception!.type,
    value: exception!.value,
    module: null,
    mechanism: { type: 'generic', handled: 'handled' in exception! ? exception.handled : true },
    threadId: null,
    rawStacktrace: null,
    stacktrace: { frames: frames(exception!.frames), framesOmitted: null, registers: null, hasSystemFrames: true },
  }));
  return [
    ...(exceptions.length ? [{ type: 'exception', data: { values: exceptions, excOmitted: null, hasSystemFrames: true } }] : []),
    { type: 'breadcrumbs', data: { values: event.breadcrumbs.map((crumb) => ({ ...crumb, type: 'default', data: null, event_id: null })) } },
    ...(event.request
      ? [
          {
            type: 'request',
            data: { ...event.request, fragment: null, cookies: [], env: null, inferredContentType: 'application/json', apiTarget: null },
          },
        ]
      : []),
  ];
}

const tagList = (event: SeedEvent) => Object.entries(event.tags).map(([key, value]) => ({ key, value }));
const eventUser = (event: SeedEvent) =>
  event.user ? { id: event.user.id, email: event.user.email ?? null, username: null, ip_address: null, name: null, geo: null, data: null } : null;

/** An event in full, as the event endpoints return it. */
export function eventDetails(world: World, issue: SeedIssue, event: SeedEvent, index: number): Json {
  const project = projectOf(world, issue.project);
  const release = event.tags.release;
  return {
    id: event.eventID,
    groupID: issue.id,
    eventID: event.eventID,
    projectID: project.id,
    message: event.message,
    title: issue.title,
    location: event.exception?.frames.at(-1)?.filename ?? null,
    user: eventUser(event),
    tags: tagList(event),
    platform: project.platform,
    dateReceived: event.dateCreated,
    dateCreated: event.dateCreated,
    contexts: { browser: { name: 'Chrome', version: '120.0', type: 'browser' }, os: { name: 'Windows', version: '10', type: 'os' } },
    size: 4096,
    entries: entries(event),
    dist: null,
    sdk: { name: 'sentry.javascript.react', version: '8.0.0' },
    context: {},
    packages: {},
    type: 'error',
    metadata: { type: event.exception?.type ?? 'Error', value: event.exception?.value ?? event.message },
    errors: [],
    occurrence: null,
    _meta: {},
    crashFile: null,
    culprit: issue.culprit,
    fingerprints: ['{{ default }}'],
    release: release ? { version: release, dateCreated: event.dateCreated, dateReleased: null, ref: null, url: null, status: 'open' } : null,
    userReport: null,
    sdkUpdates: [],
    resolvedWith: [],
    nextEventID: issue.events[index - 1]?.eventID ?? null,
    previousEventID: issue.events[index + 1]?.eventID ?? null,
  };
}

/** An event as an issue's event list shows it. */
export function eventListItem(world: World, issue: SeedIssue, event: SeedEvent): Json {
  return {
    id: event.eventID,
    'event.type': 'error',
    groupID: issue.id,
    eventID: event.eventID,
    projectID: projectOf(world, issue.project).id,
    message: event.message,
    title: issue.title,
    location: null,
    culprit: issue.culprit,
    user: eventUser(event),
    tags: tagList(event),
    platform: projectOf(world, issue.project).platform,
    dateCreated: event.dateCreated,
    crashFile: null,
    metadata: {},
  };
}

const FLAGS = [
  'hasAccess',
  'hasFeedbacks',
  'hasFlags',
  'hasInsightsAgentMonitoring',
  'hasInsightsAppStart',
  'hasInsightsAssets',
  'hasInsightsCaches',
  'hasInsightsDb',
  'hasInsightsHttp',
  'hasInsightsMCP',
  'hasInsightsQueues',
  'hasInsightsScreenLoad',
  'hasInsightsVitals',
  'hasLogs',
  'hasMinifiedStackTrace',
  'hasMonitors',
  'hasNewFeedbacks',
  'hasProfiles',
  'hasReplays',
  'hasTraceMetrics',
  'hasUserReports',
];

export function projectListItem(world: World, project: SeedProject): Json {
  const team = { id: project.team.length.toString(), name: project.team, slug: project.team };
  const latest = world.state.releases.find((release) => release.project === project.slug);
  return {
    ...Object.fromEntries(FLAGS.map((flag) => [flag, false])),
    id: project.id,
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    dateCreated: '2024-01-01T00:00:00Z',
    isBookmarked: false,
    isMember: true,
    features: [],
    firstEvent: '2024-01-02T00:00:00Z',
    firstTransactionEvent: false,
    access: ['project:read', 'event:read'],
    hasSessions: project.hasSessions,
    team,
    teams: [team],
    platforms: [project.platform],
    environments: ['production', 'staging'],
    latestRelease: latest ? { version: latest.version } : null,
  };
}

export function releaseItem(world: World, release: SeedRelease): Json {
  const project = projectOf(world, release.project);
  const last = release.deploys.at(-1);
  return {
    id: world.state.releases.indexOf(release) + 1,
    version: release.version,
    shortVersion: release.version.split('@').pop(),
    status: 'open',
    dateCreated: release.dateCreated,
    dateReleased: null,
    newGroups: release.newGroups,
    commitCount: release.commits.length,
    deployCount: release.deploys.length,
    lastDeploy: last ? { id: last.id, environment: last.environment, dateFinished: last.dateFinished, name: last.name, dateStarted: null, url: null } : null,
    ref: release.commits[0]?.id ?? null,
    url: null,
    firstEvent: release.dateCreated,
    lastEvent: release.dateCreated,
    versionInfo: null,
    data: {},
    authors: [],
    projects: [
      {
        id: Number(project.id),
        slug: project.slug,
        name: project.name,
        platform: project.platform,
        platforms: [project.platform],
        hasHealthData: project.hasSessions,
        newGroups: release.newGroups,
      },
    ],
  };
}

export function commitItem(release: SeedRelease, commit: SeedRelease['commits'][number]): Json {
  return {
    id: commit.id,
    message: commit.message,
    dateCreated: commit.dateCreated,
    pullRequest: null,
    suspectCommitType: '',
    repository: { id: '1', name: commit.repository, dateCreated: '2024-01-01T00:00:00Z' },
    author: { name: commit.author, email: `${commit.author.toLowerCase()}@example.com` },
    releases: [{ version: release.version, shortVersion: release.version, ref: null, url: null, dateCreated: release.dateCreated, dateReleased: null }],
  };
}

export function organizationItem(world: World): Json {
  const { organization } = world.state;
  return {
    id: organization.id,
    slug: organization.slug,
    name: organization.name,
    status: { id: 'active', name: 'active' },
    dateCreated: '2024-01-01T00:00:00Z',
    isEarlyAdopter: false,
    require2FA: false,
    avatar: { avatarType: 'letter_avatar', avatarUuid: null },
    links: { organizationUrl: world.url, regionUrl: world.url },
    hasAuthProvider: false,
    allowMemberInvite: true,
    allowMemberProjectCreation: true,
    allowSuperuserAccess: false,
  };
}
