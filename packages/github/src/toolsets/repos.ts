import type { ToolDefinition } from '@toolbridge/core';

export const reposTools: ToolDefinition<any, any, any>[] = [];
