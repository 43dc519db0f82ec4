import { defineServer } from '@toolbridge/core';
import { z } from 'zod';
import pkg from '../package.json' with { type: 'json' };

export const server = defineServer({
  name: 'toolbridge-database',
  version: pkg.version,
  title: 'toolbridge database',
  description: 'MCP server for database',
  instructions: 'database tools.',
  tools: [],
  settings: { key: 'database', schema: z.object({}) },
  envPrefix: 'DATABASE',
});
