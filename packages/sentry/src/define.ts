import { definitionsFor, type ServerContext } from '@toolbridge/core';
import type { SentryServices } from './services.js';
import type { SentrySettings } from './settings.js';

export type SentryContext = ServerContext<SentrySettings, SentryServices>;

export const { defineTool, defineResource, definePrompt } = definitionsFor<SentrySettings, SentryServices>();
