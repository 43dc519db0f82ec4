import type { ToolDefinition } from '@toolbridge/core';

export const issuesTools: ToolDefinition<any, any, any>[] = [];
