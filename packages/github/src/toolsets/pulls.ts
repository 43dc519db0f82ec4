import type { ToolDefinition } from '@toolbridge/core';

export const pullsTools: ToolDefinition<any, any, any>[] = [];
