import type { LinearContext } from '../define.js';
import { type Connection, document } from './documents.js';
import { LABEL_FIELDS, type Label, PROJECT_FIELDS, type Project, USER_FIELDS, type User, type Workspace } from './workspace.js';

/**
 * Names past the workspace read's pages (more than 250 users or labels, 100 projects): one small search
 * each, made only when the name is missing and the read was cut.
 */
const PROJECT_BY_NAME = document(
  'ProjectByName',
  `query ProjectByName($filter: ProjectFilter) {
  projects(filter: $filter, first: 5) { nodes { ...ProjectFields } }
}
${PROJECT_FIELDS}`,
);

const USER_BY_NAME = document(
  'UserByName',
  `query UserByName($filter: UserFilter) {
  users(filter: $filter, first: 5) { nodes { ...UserFields } }
}
${USER_FIELDS}`,
);

const LABELS_BY_NAME = document(
  'LabelsByName',
  `query LabelsByName($filter: IssueLabelFilter) {
  issueLabels(filter: $filter, first: 50) { nodes { ...LabelFields } }
}
${LABEL_FIELDS}`,
);

const cut = (connection: Connection<unknown>) => Boolean(connection.pageInfo?.hasNextPage);

export async function searchProjects(context: LinearContext, workspace: Workspace, name: string): Promise<Project[]> {
  if (!cut(workspace.projects)) return [];
  const filter = { or: [{ name: { eqIgnoreCase: name.trim() } }, { slugId: { eq: name.trim() } }] };
  return (await context.services.client.request<{ projects: Connection<Project> }>(PROJECT_BY_NAME, { filter })).projects.nodes;
}

export async function searchUsers(context: LinearContext, workspace: Workspace, name: string): Promise<User[]> {
  if (!cut(workspace.users)) return [];
  const text = name.trim();
  const filter = { active: { eq: true }, or: [{ email: { eqIgnoreCase: text } }, { displayName: { eqIgnoreCase: text } }, { name: { eqIgnoreCase: text } }] };
  return (await context.services.client.request<{ users: Connection<User> }>(USER_BY_NAME, { filter })).users.nodes;
}

export async function searchLabels(context: LinearContext, workspace: Workspace, names: string[]): Promise<Label[]> {
  if (!cut(workspace.issueLabels)) return [];
  const filter = { or: names.map((name) => ({ name: { eqIgnoreCase: name.trim() } })) };
  return (await context.services.client.request<{ issueLabels: Connection<Label> }>(LABELS_BY_NAME, { filter })).issueLabels.nodes;
}
