import { annotations } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';

export const getMe = defineTool({
  name: 'github_get_me',
  title: 'Get authenticated user',
  description: 'Who the token belongs to: login, name, and repository counts. Call first to learn the user.',
  toolset: 'users',
  input: () => z.object({}),
  output: () =>
    z.object({
      login: z.string(),
      name: z.string().optional(),
      email: z.string().optional(),
      company: z.string().optional(),
      public_repos: z.number(),
      private_repos: z.number().optional(),
      url: z.string(),
    }),
  annotations: annotations.read,
  async handler(_input, context) {
    const { rest } = await context.services.github;
    const { data } = await rest.users.getAuthenticated();
    return {
      login: data.login,
      ...(data.name ? { name: data.name } : {}),
      ...(data.email ? { email: data.email } : {}),
      ...(data.company ? { company: data.company } : {}),
      public_repos: data.public_repos,
      ...('total_private_repos' in data && typeof data.total_private_repos === 'number' ? { private_repos: data.total_private_repos } : {}),
      url: data.html_url,
    };
  },
});
