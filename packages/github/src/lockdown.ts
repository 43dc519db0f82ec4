import { sanitizeUntrusted, untrusted } from '@toolbridge/core';
import type { GitHubContext } from './define.js';

/**
 * Text written by other people reaches the model fenced by core's untrusted(). With --lockdown, on a
 * PUBLIC repository, text by authors without push access is not shown at all: anyone can open an issue
 * on a public repository, so that is where injected instructions come from. Private repositories only
 * have invited authors. Answers are kept for the server's life (its services): visibility per repository, permission per user.
 */

const isPublic = (context: GitHubContext, owner: string, repo: string) =>
  context.services.visibility.get(`${owner}/${repo}`.toLowerCase(), async () => {
    const { rest } = await context.services.github;
    const { data } = await rest.repos.get({ owner, repo });
    return !data.private;
  });

/** Whether a user can push to the repository. No answer (no such collaborator, or the token may not ask) means no. */
export const hasPushAccess = (context: GitHubContext, owner: string, repo: string, login: string) =>
  context.services.pushAccess.get(`${owner}/${repo}:${login}`.toLowerCase(), async () => {
    const { rest } = await context.services.github;
    const answer = await rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: login }).catch((error: { status?: number }) => {
      if (error.status === 404 || error.status === 403) return undefined;
      throw error;
    });
    const permission = answer?.data.permission;
    return permission === 'admin' || permission === 'write' || answer?.data.role_name === 'maintain';
  });

export interface ContentGate {
  /** Fenced text, or a placeholder when lockdown hides it. `source` says what it is, e.g. "issue #2 body". */
  text(text: string | null | undefined, author: string | undefined, source: string): Promise<string>;
}

/** The gate for one repository: decides once whether lockdown applies there. */
export async function contentGate(context: GitHubContext, owner: string, repo: string): Promise<ContentGate> {
  const guarded = context.settings.lockdown && (await isPublic(context, owner, repo));
  return {
    async text(text, author, source) {
      if (!text) return '';
      const by = author ? ` by @${author}` : '';
      if (guarded && (!author || !(await hasPushAccess(context, owner, repo, author)))) {
        return `[hidden by lockdown: ${source}${by}, who has no push access to ${owner}/${repo}]`;
      }
      return untrusted(text, `${source}${by}`);
    },
  };
}

/** Short text such as titles and branch names: invisible characters and hidden comments removed, not fenced. */
export const plain = (text: string | null | undefined): string => sanitizeUntrusted(text ?? '');
