import { z } from 'zod';

/** owner/repo arguments; both fall back to GITHUB_REPOSITORY (see repoOf in client.ts). */
export const repoInput = {
  owner: z.string().min(1).optional().describe('Repository owner; default from GITHUB_REPOSITORY'),
  repo: z.string().min(1).optional().describe('Repository name; default from GITHUB_REPOSITORY'),
};
