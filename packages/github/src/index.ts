import { defineServer } from '@toolbridge/core';
import { z } from 'zod';
import pkg from '../package.json' with { type: 'json' };

export const server = defineServer({
  name: 'toolbridge-github',
  version: pkg.version,
  title: 'toolbridge GitHub',
  description: 'MCP server for GitHub',
  instructions: 'GitHub tools.',
  tools: [],
  settings: { key: 'github', schema: z.object({}) },
  envPrefix: 'GITHUB',
});
