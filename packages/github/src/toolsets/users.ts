import type { ToolDefinition } from '@toolbridge/core';
import { getMe } from '../tools/get-me.js';

export const usersTools: ToolDefinition<any, any, any>[] = [getMe];
