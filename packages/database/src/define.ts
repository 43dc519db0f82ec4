import { definitionsFor } from '@toolbridge/core';
import type { DatabaseSettings } from './config/settings.js';

export const { defineTool, defineResource, definePrompt } = definitionsFor<DatabaseSettings, Record<string, never>>();
