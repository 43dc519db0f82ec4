import { z } from 'zod';

/**
 * owner/repo arguments; both fall back to GITHUB_REPOSITORY (see repoOf in client.ts). One description
 * covers the pair: it is repeated in every repository tool, so each word costs about 30 tokens.
 */
export const repoInput = {
  owner: z.string().min(1).optional().describe('owner and repo default to GITHUB_REPOSITORY'),
  repo: z.string().min(1).optional(),
};
