import { fileURLToPath } from 'node:url';
import { toolDeclarationProblems, toolListing, toolSnapshotProblems } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

describe('tool declarations', () => {
  it('are complete and honest', () => {
    expect(toolDeclarationProblems(tools, 'sentry')).toEqual([]);
  });

  it('match their reviewed snapshots, one file a tool (what the model sees)', () => {
    expect(toolSnapshotProblems(tools, fileURLToPath(new URL('./__toolsnaps__', import.meta.url)))).toEqual([]);
  });

  it('name the tools as the issue fixes them, the update being the only write', () => {
    const listing = toolListing(tools);
    expect(listing.map((tool) => tool.name)).toEqual([
      'sentry_get_error_details',
      'sentry_get_event',
      'sentry_get_project_health',
      'sentry_get_release',
      'sentry_get_user_feedback',
      'sentry_list_issue_events',
      'sentry_list_projects',
      'sentry_list_releases',
      'sentry_search_errors',
      'sentry_update_issue',
    ]);
    expect(listing.filter((tool) => !tool.annotations.readOnlyHint).map((tool) => [tool.name, tool.annotations.idempotentHint])).toEqual([
      ['sentry_update_issue', true],
    ]);
  });
});
