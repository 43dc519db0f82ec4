import { definitionsFor, type ServerContext } from '@toolbridge/core';
import type { LinearServices } from './services.js';
import type { LinearSettings } from './settings.js';

export type LinearContext = ServerContext<LinearSettings, LinearServices>;

export const { defineTool, defineResource, definePrompt } = definitionsFor<LinearSettings, LinearServices>();
