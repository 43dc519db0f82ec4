import type { ToolDefinition } from '@toolbridge/core';

export const actionsTools: ToolDefinition<any, any, any>[] = [];
