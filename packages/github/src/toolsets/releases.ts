import type { ToolDefinition } from '@toolbridge/core';
import { createRelease } from '../tools/create-release.js';
import { getLatestRelease } from '../tools/get-latest-release.js';
import { listReleases } from '../tools/list-releases.js';

export const releasesTools: ToolDefinition<any, any, any>[] = [listReleases, getLatestRelease, createRelease];
