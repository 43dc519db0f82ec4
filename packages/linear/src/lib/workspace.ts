import type { LinearContext } from '../define.js';
import { type Connection, document } from './documents.js';

export interface WorkflowState {
  id: string;
  name: string;
  /** triage, backlog, unstarted, started, completed, canceled */
  type: string;
  position: number;
}

export interface Team {
  id: string;
  key: string;
  name: string;
  states: Connection<WorkflowState>;
  activeCycle: { id: string; number: number; name?: string | null; startsAt: string; endsAt: string } | null;
}

export interface Label {
  id: string;
  name: string;
  team: { id: string } | null;
  parent: { name: string } | null;
}

export interface User {
  id: string;
  name: string;
  displayName: string;
  email: string;
  active: boolean;
}

export interface Project {
  id: string;
  name: string;
  slugId: string;
  state: string;
}

export interface Workspace {
  viewer: { id: string; name: string; displayName: string; email: string };
  organization: { name: string; urlKey: string };
  teams: Connection<Team>;
  issueLabels: Connection<Label>;
  users: Connection<User>;
  projects: Connection<Project>;
}

export const LABEL_FIELDS = 'fragment LabelFields on IssueLabel { id name team { id } parent { name } }';
export const USER_FIELDS = 'fragment UserFields on User { id name displayName email active }';
export const PROJECT_FIELDS = 'fragment ProjectFields on Project { id name slugId state }';

/** Everything names resolve from, in one request (complexity about 3,400 of Linear's 10,000). */
export const WORKSPACE = document(
  'Workspace',
  `query Workspace {
  viewer { id name displayName email }
  organization { name urlKey }
  teams(first: 50) {
    nodes {
      id key name
      states(first: 25) { nodes { id name type position } }
      activeCycle { id number name startsAt endsAt }
    }
    pageInfo { hasNextPage }
  }
  issueLabels(first: 250) { nodes { ...LabelFields } pageInfo { hasNextPage } }
  users(first: 250, filter: { active: { eq: true } }) { nodes { ...UserFields } pageInfo { hasNextPage } }
  projects(first: 100, orderBy: updatedAt) { nodes { ...ProjectFields } pageInfo { hasNextPage } }
}
${LABEL_FIELDS}
${USER_FIELDS}
${PROJECT_FIELDS}`,
);

/** How long the workspace read is trusted. */
const FRESH_MS = 5 * 60_000;
/** A name missing from a read older than this triggers one fresh read (a label made a minute ago). */
const RECHECK_MS = 20_000;

/** The workspace read, kept for FRESH_MS (the `workspace` service). */
export class WorkspaceCache {
  private value: Promise<Workspace> | undefined;
  private readAt = 0;

  get(context: LinearContext, options: { refresh?: boolean } = {}): Promise<Workspace> {
    const age = Date.now() - this.readAt;
    if (!this.value || age > FRESH_MS || (options.refresh && age > RECHECK_MS)) {
      this.readAt = Date.now();
      const loading = context.services.client.request<Workspace>(WORKSPACE);
      loading.catch(() => {
        if (this.value === loading) this.value = undefined;
      });
      this.value = loading;
    }
    return this.value;
  }

  /** Whether a name missing from this read is worth a fresh read. */
  stale(): boolean {
    return Date.now() - this.readAt > RECHECK_MS;
  }
}
