import type { ResourceDefinition } from '@toolbridge/core';
import { activeIssuesResource, repoActiveIssuesResource } from './active-issues.js';
import { contentsResource } from './contents.js';

export const resources: ResourceDefinition[] = [activeIssuesResource, repoActiveIssuesResource, contentsResource];
