import { definitionsFor } from '@toolbridge/core';
import type { DatabaseSettings } from './config/settings.js';
import type { DatabaseServices } from './services.js';

export const { defineTool, defineResource, definePrompt } = definitionsFor<DatabaseSettings, DatabaseServices>();
