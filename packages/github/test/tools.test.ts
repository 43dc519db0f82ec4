import { fileURLToPath } from 'node:url';
import { toolDeclarationProblems, toolListing, toolSnapshotProblems } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

describe('tool declarations', () => {
  it('are complete and honest', () => {
    expect(toolDeclarationProblems(tools, 'github')).toEqual([]);
  });

  it('match their reviewed snapshots, one file a tool (what the model sees)', () => {
    expect(toolSnapshotProblems(tools, fileURLToPath(new URL('./__toolsnaps__', import.meta.url)))).toEqual([]);
  });

  it('keep github_get_issue exactly as the seed manifest has it', () => {
    const listing = toolListing(tools).find((tool) => tool.name === 'github_get_issue')!;
    expect(Object.keys(listing.inputSchema.properties as object)).toEqual(['owner', 'repo', 'issue_number']);
  });
});
