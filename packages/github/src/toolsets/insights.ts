import type { ToolDefinition } from '@toolbridge/core';

export const insightsTools: ToolDefinition<any, any, any>[] = [];
