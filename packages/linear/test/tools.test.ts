import { fileURLToPath } from 'node:url';
import { toolDeclarationProblems, toolListing, toolSnapshotProblems } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

describe('tool declarations', () => {
  it('are complete and honest', () => {
    expect(toolDeclarationProblems(tools, 'linear')).toEqual([]);
  });

  it('match their reviewed snapshots, one file a tool (what the model sees)', () => {
    expect(toolSnapshotProblems(tools, fileURLToPath(new URL('./__toolsnaps__', import.meta.url)))).toEqual([]);
  });

  it('name the tools as the issue fixes them; the writes are the creates, updates and comments', () => {
    const listing = toolListing(tools);
    expect(listing.map((tool) => tool.name).sort()).toEqual([
      'linear_add_comment',
      'linear_create_issue',
      'linear_get_issue',
      'linear_get_issues_for_release',
      'linear_get_project',
      'linear_get_team_progress',
      'linear_get_team_velocity',
      'linear_get_workspace',
      'linear_list_comments',
      'linear_list_projects',
      'linear_search_issues',
      'linear_update_issue',
      'linear_update_project_status',
    ]);
    expect(
      listing
        .filter((tool) => !tool.annotations.readOnlyHint)
        .map((tool) => tool.name)
        .sort(),
    ).toEqual(['linear_add_comment', 'linear_create_issue', 'linear_update_issue', 'linear_update_project_status']);
  });
});
