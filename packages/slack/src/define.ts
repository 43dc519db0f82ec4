import { definitionsFor, type ServerContext } from '@toolbridge/core';
import type { SlackServices } from './services.js';
import type { SlackSettings } from './settings.js';

export type SlackContext = ServerContext<SlackSettings, SlackServices>;

export const { defineTool, defineResource, definePrompt } = definitionsFor<SlackSettings, SlackServices>();
