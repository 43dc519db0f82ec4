import { activeIssuesResource, repoActiveIssuesResource } from './active-issues.js';
import { contentsResource } from './contents.js';

export const resources = [activeIssuesResource, repoActiveIssuesResource, contentsResource];
