import { GraphQLError } from 'graphql';
import { type ConnectionArgs, relayConnection } from '../fake/graphql.js';
import { matchesFilter } from './filter.js';
import type { LinearComment, LinearCycle, LinearIssue, LinearLabel, LinearProject, LinearState, LinearTeam, LinearUser, LinearWorld } from './state.js';

/** A Linear GraphQL error: `extensions.type` and `code` are what clients (and the SDK) read. */
export function linearError(message: string, type: string, code: string, userPresentableMessage?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type, code, userError: true, ...(userPresentableMessage ? { userPresentableMessage } : {}) } });
}

const notFound = (entity: string) => linearError(`Entity not found: ${entity}`, 'invalid input', 'INPUT_ERROR', `Could not find referenced ${entity}.`);
const invalid = (message: string) => linearError(`Argument Validation Error: ${message}`, 'invalid input', 'INPUT_ERROR', message);

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
const PRIORITY_LABELS = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];

type Args = ConnectionArgs & { filter?: Record<string, unknown> | null; orderBy?: 'createdAt' | 'updatedAt' | null; includeArchived?: boolean | null };

/** The resolvers of one fake Linear over `world` (mutations change it). */
export function linearRoot(world: LinearWorld): Record<string, unknown> {
  const by = <T extends { id: string }>(items: T[], id: string | null | undefined) => items.find((item) => item.id === id);
  const team = (id: string) => by(world.teams, id)!;
  const identifierOf = (issue: LinearIssue) => `${team(issue.teamId).key}-${issue.number}`;
  const now = () => Date.now();

  // Views: what filters are evaluated against (dates in ms, relations nested, collections as arrays).
  const teamView = (item: LinearTeam) => ({ id: item.id, key: item.key, name: item.name });
  const userView = (item: LinearUser | undefined) =>
    item ? { id: item.id, name: item.name, displayName: item.displayName, email: item.email, active: item.active, isMe: item.id === world.viewerId } : null;
  const stateView = (item: LinearState) => ({ id: item.id, name: item.name, type: item.type, position: item.position, team: teamView(team(item.teamId)) });
  const labelView = (item: LinearLabel) => ({ id: item.id, name: item.name, team: item.teamId ? teamView(team(item.teamId)) : null });
  const cycleView = (item: LinearCycle | undefined) => {
    if (!item) return null;
    const at = now();
    return {
      id: item.id,
      number: item.number,
      name: item.name,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      isActive: item.startsAt <= at && at < item.endsAt,
      isPast: item.endsAt <= at,
      isFuture: item.startsAt > at,
      team: teamView(team(item.teamId)),
    };
  };
  const projectView = (item: LinearProject | undefined) =>
    item
      ? {
          id: item.id,
          name: item.name,
          slugId: item.slugId,
          state: item.state,
          health: healthOf(item),
          lead: userView(by(world.users, item.leadId)),
          accessibleTeams: item.teamIds.map((id) => teamView(team(id))),
        }
      : null;
  const issueView = (item: LinearIssue) => ({
    id: item.id,
    number: item.number,
    title: item.title,
    description: item.description,
    priority: item.priority,
    estimate: item.estimate,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    startedAt: item.startedAt,
    completedAt: item.completedAt,
    canceledAt: item.canceledAt,
    team: teamView(team(item.teamId)),
    state: stateView(by(world.states, item.stateId)!),
    assignee: userView(by(world.users, item.assigneeId)),
    creator: userView(by(world.users, item.creatorId)),
    labels: item.labelIds.map((id) => labelView(by(world.labels, id)!)),
    project: projectView(by(world.projects, item.projectId)),
    projectMilestone: item.milestoneId ? { id: item.milestoneId, name: by(world.milestones, item.milestoneId)!.name } : null,
    cycle: cycleView(by(world.cycles, item.cycleId)),
  });
  const healthOf = (project: LinearProject) =>
    world.projectUpdates.filter((update) => update.projectId === project.id).sort((a, b) => b.createdAt - a.createdAt)[0]?.health ?? null;

  /** A connection of `items`, filtered by args.filter through `view`, newest first when ordered by a date. */
  function list<T extends object, N>(items: T[], args: Args, view: (item: T) => unknown, node: (item: T) => N) {
    const kept = items.filter((item) => matchesFilter(args.filter, view(item), now()));
    const key = args.orderBy === 'updatedAt' ? 'updatedAt' : 'createdAt';
    const time = (item: T) => (item as Record<string, unknown>)[key];
    const ordered = kept.every((item) => typeof time(item) === 'number') ? [...kept].sort((a, b) => (time(b) as number) - (time(a) as number)) : kept;
    return relayConnection(ordered, args, node, 50);
  }

  // Nodes: what the schema's types return (relations resolve lazily, as graphql-js calls functions).
  const userNode = (item: LinearUser) => ({
    ...item,
    isMe: item.id === world.viewerId,
    url: `https://linear.app/${world.organization.urlKey}/profiles/${item.displayName}`,
    admin: item.id === world.viewerId,
    assignedIssues: (args: Args) =>
      list(
        world.issues.filter((issue) => issue.assigneeId === item.id),
        args,
        issueView,
        issueNode,
      ),
  });
  const maybeUser = (id: string | null) => {
    const found = by(world.users, id);
    return found ? userNode(found) : null;
  };
  const stateNode = (item: LinearState) => ({ ...item, team: () => teamNode(team(item.teamId)) });
  const labelNode = (item: LinearLabel) => ({
    ...item,
    isGroup: false,
    parent: null,
    description: null,
    team: () => (item.teamId ? teamNode(team(item.teamId)) : null),
  });
  const cycleNode = (item: LinearCycle) => {
    const view = cycleView(item)!;
    return {
      id: item.id,
      number: item.number,
      name: item.name,
      startsAt: iso(item.startsAt),
      endsAt: iso(item.endsAt),
      completedAt: view.isPast ? iso(item.endsAt) : null,
      isActive: view.isActive,
      isPast: view.isPast,
      isFuture: view.isFuture,
      isNext: false,
      isPrevious: false,
      team: () => teamNode(team(item.teamId)),
      issues: (args: Args) =>
        list(
          world.issues.filter((issue) => issue.cycleId === item.id),
          args,
          issueView,
          issueNode,
        ),
    };
  };
  const milestoneNode = (id: string) => {
    const item = by(world.milestones, id)!;
    const issues = world.issues.filter((issue) => issue.milestoneId === item.id);
    const done = issues.filter((issue) => by(world.states, issue.stateId)!.type === 'completed').length;
    return {
      ...item,
      description: null,
      progress: issues.length ? done / issues.length : 0,
      project: () => projectNode(by(world.projects, item.projectId)!),
      issues: (args: Args) =>
        list(
          world.issues.filter((issue) => issue.milestoneId === item.id),
          args,
          issueView,
          issueNode,
        ),
    };
  };
  const updateNode = (id: string) => {
    const item = by(world.projectUpdates, id)!;
    return {
      id: item.id,
      body: item.body,
      health: item.health,
      createdAt: iso(item.createdAt),
      updatedAt: iso(item.createdAt),
      url: `https://linear.app/${world.organization.urlKey}/project/${by(world.projects, item.projectId)!.slugId}/updates#${item.id}`,
      user: () => maybeUser(item.userId),
      project: () => projectNode(by(world.projects, item.projectId)!),
    };
  };
  const projectNode = (item: LinearProject) => ({
    id: item.id,
    name: item.name,
    slugId: item.slugId,
    description: item.description,
    state: item.state,
    progress: item.progress,
    startDate: item.startDate,
    targetDate: item.targetDate,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    health: healthOf(item),
    url: `https://linear.app/${world.organization.urlKey}/project/${item.slugId}`,
    lead: () => maybeUser(item.leadId),
    teams: (args: Args) =>
      list(
        world.teams.filter((candidate) => item.teamIds.includes(candidate.id)),
        args,
        teamView,
        teamNode,
      ),
    projectMilestones: (args: Args) =>
      list(
        world.milestones.filter((milestone) => milestone.projectId === item.id).sort((a, b) => a.sortOrder - b.sortOrder),
        args,
        (milestone) => milestone,
        (milestone) => milestoneNode(milestone.id),
      ),
    projectUpdates: (args: Args) =>
      list(
        world.projectUpdates.filter((update) => update.projectId === item.id),
        args,
        (update) => update,
        (update) => updateNode(update.id),
      ),
    lastUpdate: () => {
      const [latest] = world.projectUpdates.filter((update) => update.projectId === item.id).sort((a, b) => b.createdAt - a.createdAt);
      return latest ? updateNode(latest.id) : null;
    },
    issues: (args: Args) =>
      list(
        world.issues.filter((issue) => issue.projectId === item.id),
        args,
        issueView,
        issueNode,
      ),
  });
  const teamNode = (item: LinearTeam) => ({
    ...item,
    states: (args: Args) =>
      list(
        world.states.filter((state) => state.teamId === item.id),
        args,
        stateView,
        stateNode,
      ),
    labels: (args: Args) =>
      list(
        world.labels.filter((label) => label.teamId === item.id),
        args,
        labelView,
        labelNode,
      ),
    activeCycle: () => {
      const active = world.cycles.find((candidate) => candidate.teamId === item.id && cycleView(candidate)!.isActive);
      return active ? cycleNode(active) : null;
    },
    cycles: (args: Args) =>
      list(
        world.cycles.filter((candidate) => candidate.teamId === item.id),
        args,
        cycleView,
        cycleNode,
      ),
    issues: (args: Args) =>
      list(
        world.issues.filter((issue) => issue.teamId === item.id),
        args,
        issueView,
        issueNode,
      ),
    members: (args: Args) => list(world.users, args, userView, userNode),
  });
  const commentNode = (item: LinearComment) => ({
    id: item.id,
    body: item.body,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.createdAt),
    url: `${issueUrl(by(world.issues, item.issueId)!)}#comment-${item.id.slice(-8)}`,
    user: () => maybeUser(item.userId),
    issue: () => issueNode(by(world.issues, item.issueId)!),
  });
  const issueUrl = (item: LinearIssue) => `https://linear.app/${world.organization.urlKey}/issue/${identifierOf(item)}`;
  const issueNode = (item: LinearIssue) => ({
    id: item.id,
    identifier: identifierOf(item),
    number: item.number,
    title: item.title,
    description: item.description,
    url: issueUrl(item),
    branchName: `${identifierOf(item).toLowerCase()}`,
    priority: item.priority,
    priorityLabel: PRIORITY_LABELS[item.priority],
    estimate: item.estimate,
    labelIds: item.labelIds,
    createdAt: iso(item.createdAt),
    updatedAt: iso(item.updatedAt),
    startedAt: iso(item.startedAt),
    completedAt: iso(item.completedAt),
    canceledAt: iso(item.canceledAt),
    team: () => teamNode(team(item.teamId)),
    state: () => stateNode(by(world.states, item.stateId)!),
    assignee: () => maybeUser(item.assigneeId),
    creator: () => maybeUser(item.creatorId),
    project: () => {
      const project = by(world.projects, item.projectId);
      return project ? projectNode(project) : null;
    },
    projectMilestone: () => (item.milestoneId ? milestoneNode(item.milestoneId) : null),
    cycle: () => {
      const cycle = by(world.cycles, item.cycleId);
      return cycle ? cycleNode(cycle) : null;
    },
    parent: null,
    labels: (args: Args) =>
      list(
        item.labelIds.map((id) => by(world.labels, id)!),
        args,
        labelView,
        labelNode,
      ),
    comments: (args: Args) =>
      list(
        world.comments.filter((comment) => comment.issueId === item.id),
        args,
        (comment) => comment,
        commentNode,
      ),
    history: (args: Args) =>
      list(
        world.history.filter((entry) => entry.issueId === item.id),
        args,
        (entry) => entry,
        (entry) => ({
          id: entry.id,
          createdAt: iso(entry.createdAt),
          updatedAt: iso(entry.createdAt),
          fromStateId: entry.fromStateId,
          toStateId: entry.toStateId,
          fromEstimate: entry.fromEstimate,
          toEstimate: entry.toEstimate,
          actor: () => maybeUser(entry.actorId),
          fromState: () => (entry.fromStateId ? stateNode(by(world.states, entry.fromStateId)!) : null),
          toState: () => (entry.toStateId ? stateNode(by(world.states, entry.toStateId)!) : null),
        }),
      ),
    children: (args: Args) => list([] as LinearIssue[], args, issueView, issueNode),
  });

  /** An issue by UUID or identifier (ENG-123), as Linear's issue(id:) takes either. */
  const findIssue = (id: string) => world.issues.find((item) => item.id === id || identifierOf(item) === id.toUpperCase());
  const issueOrThrow = (id: string) => {
    const found = findIssue(id);
    if (!found) throw notFound('Issue');
    return found;
  };
  const nextId = (prefix: string) => `${prefix}${String(++world.sequence).padStart(7, '0')}-0000-4000-8000-000000000000`;

  /** Checks ids an input refers to, as Linear refuses unknown ones. */
  function checkRefs(input: Record<string, unknown>, teamId: string) {
    const refs: Array<[string, unknown[], string]> = [
      ['stateId', world.states.filter((state) => state.teamId === teamId), 'WorkflowState'],
      ['assigneeId', world.users, 'User'],
      ['projectId', world.projects, 'Project'],
      ['cycleId', world.cycles.filter((cycle) => cycle.teamId === teamId), 'Cycle'],
      ['projectMilestoneId', world.milestones, 'ProjectMilestone'],
    ];
    for (const [field, items, entity] of refs) {
      const value = input[field];
      if (value !== undefined && value !== null && !(items as Array<{ id: string }>).some((item) => item.id === value)) throw notFound(entity);
    }
    const labelIds = [...((input.labelIds as string[]) ?? []), ...((input.addedLabelIds as string[]) ?? [])];
    for (const id of labelIds) {
      const label = by(world.labels, id);
      if (!label || (label.teamId && label.teamId !== teamId)) throw invalid(`label ${id} is not available in this team`);
    }
  }

  /** startedAt/completedAt/canceledAt follow the state's type, as Linear sets them. */
  function moveTo(item: LinearIssue, stateIdValue: string, at: number) {
    const state = by(world.states, stateIdValue)!;
    const before = item.stateId;
    item.stateId = stateIdValue;
    if (state.type === 'started' && !item.startedAt) item.startedAt = at;
    item.completedAt = state.type === 'completed' ? (item.completedAt ?? at) : null;
    item.canceledAt = state.type === 'canceled' ? (item.canceledAt ?? at) : null;
    if (before !== stateIdValue) {
      world.history.push({
        id: nextId('k'),
        issueId: item.id,
        actorId: world.viewerId,
        createdAt: at,
        fromStateId: before,
        toStateId: stateIdValue,
        fromEstimate: null,
        toEstimate: null,
      });
    }
  }

  const payload = (item: LinearIssue) => ({ success: true, lastSyncId: world.sequence, issue: issueNode(item) });

  return {
    viewer: () => userNode(by(world.users, world.viewerId)!),
    organization: () => ({ ...world.organization, teams: (args: Args) => list(world.teams, args, teamView, teamNode) }),
    teams: (args: Args) => list(world.teams, args, teamView, teamNode),
    team: ({ id }: { id: string }) => {
      const found = world.teams.find((item) => item.id === id || item.key === id);
      if (!found) throw notFound('Team');
      return teamNode(found);
    },
    users: (args: Args) => list(world.users, args, userView, userNode),
    issueLabels: (args: Args) => list(world.labels, args, labelView, labelNode),
    workflowStates: (args: Args) => list(world.states, args, stateView, stateNode),
    cycles: (args: Args) => list(world.cycles, args, cycleView, cycleNode),
    projects: (args: Args) => list(world.projects, args, projectView, projectNode),
    project: ({ id }: { id: string }) => {
      const found = world.projects.find((item) => item.id === id || item.slugId === id);
      if (!found) throw notFound('Project');
      return projectNode(found);
    },
    projectMilestones: (args: Args) =>
      list(
        world.milestones,
        args,
        (milestone) => ({ id: milestone.id, name: milestone.name, project: projectView(by(world.projects, milestone.projectId)) }),
        (milestone) => milestoneNode(milestone.id),
      ),
    issue: ({ id }: { id: string }) => issueNode(issueOrThrow(id)),
    issues: (args: Args) => list(world.issues, args, issueView, issueNode),

    issueCreate: ({ input }: { input: Record<string, unknown> }) => {
      const teamId = input.teamId as string;
      if (!by(world.teams, teamId)) throw notFound('Team');
      checkRefs(input, teamId);
      const at = Date.now();
      const number = Math.max(0, ...world.issues.filter((item) => item.teamId === teamId).map((item) => item.number)) + 1;
      const todo = world.states.find((state) => state.teamId === teamId && state.type === 'unstarted')!;
      const item: LinearIssue = {
        id: nextId('i'),
        teamId,
        number,
        title: (input.title as string) ?? '',
        description: (input.description as string) ?? null,
        stateId: todo.id,
        assigneeId: (input.assigneeId as string) ?? null,
        creatorId: world.viewerId,
        priority: (input.priority as number) ?? 0,
        estimate: (input.estimate as number) ?? null,
        labelIds: (input.labelIds as string[]) ?? [],
        projectId: (input.projectId as string) ?? null,
        milestoneId: (input.projectMilestoneId as string) ?? null,
        cycleId: (input.cycleId as string) ?? null,
        createdAt: at,
        updatedAt: at,
        startedAt: null,
        completedAt: null,
        canceledAt: null,
      };
      if (input.stateId) moveTo(item, input.stateId as string, at);
      world.issues.push(item);
      return payload(item);
    },
    issueUpdate: ({ id, input }: { id: string; input: Record<string, unknown> }) => {
      const item = issueOrThrow(id);
      checkRefs(input, item.teamId);
      const at = Date.now();
      if (input.stateId) moveTo(item, input.stateId as string, at);
      if (input.assigneeId !== undefined) item.assigneeId = input.assigneeId as string | null;
      if (input.priority !== undefined) item.priority = input.priority as number;
      if (input.estimate !== undefined) item.estimate = input.estimate as number | null;
      if (input.title !== undefined) item.title = input.title as string;
      if (input.description !== undefined) item.description = input.description as string | null;
      if (input.projectId !== undefined) item.projectId = input.projectId as string | null;
      if (input.cycleId !== undefined) item.cycleId = input.cycleId as string | null;
      if (input.labelIds) item.labelIds = input.labelIds as string[];
      const added = (input.addedLabelIds as string[] | undefined) ?? [];
      const removed = new Set((input.removedLabelIds as string[] | undefined) ?? []);
      item.labelIds = [...new Set([...item.labelIds, ...added])].filter((label) => !removed.has(label));
      item.updatedAt = at;
      return payload(item);
    },
    commentCreate: ({ input }: { input: Record<string, unknown> }) => {
      if (!input.issueId) throw invalid('issueId is required for an issue comment');
      const item = issueOrThrow(input.issueId as string);
      if (!String(input.body ?? '').trim()) throw invalid('body should not be empty');
      const comment: LinearComment = { id: nextId('j'), issueId: item.id, userId: world.viewerId, body: input.body as string, createdAt: Date.now() };
      world.comments.push(comment);
      return { success: true, lastSyncId: world.sequence, comment: commentNode(comment) };
    },
    projectUpdateCreate: ({ input }: { input: Record<string, unknown> }) => {
      const project = by(world.projects, input.projectId as string);
      if (!project) throw notFound('Project');
      const update = {
        id: nextId('h'),
        projectId: project.id,
        userId: world.viewerId,
        body: (input.body as string) ?? '',
        health: (input.health as 'onTrack' | 'atRisk' | 'offTrack') ?? 'onTrack',
        createdAt: Date.now(),
      };
      world.projectUpdates.push(update);
      project.updatedAt = update.createdAt;
      return { success: true, lastSyncId: world.sequence, projectUpdate: updateNode(update.id) };
    },
  };
}
