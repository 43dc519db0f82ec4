import type { ToolDefinition } from '@toolbridge/core';

export const usersTools: ToolDefinition<any, any, any>[] = [];
