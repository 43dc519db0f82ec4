import { definitionsFor, type ServerContext } from '@toolbridge/core';
import type { GitHubServices } from './services.js';
import type { GitHubSettings } from './settings.js';

export type GitHubContext = ServerContext<GitHubSettings, GitHubServices>;

export const { defineTool, defineResource, definePrompt } = definitionsFor<GitHubSettings, GitHubServices>();
