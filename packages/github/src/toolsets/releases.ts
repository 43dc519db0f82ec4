import type { ToolDefinition } from '@toolbridge/core';

export const releasesTools: ToolDefinition<any, any, any>[] = [];
