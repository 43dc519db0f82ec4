import { toolDeclarationProblems, toolListing } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/index.js';

describe('tool declarations', () => {
  it('are complete and honest', () => {
    expect(toolDeclarationProblems(tools, 'github')).toEqual([]);
  });

  it('match the reviewed listing (what the model sees)', () => {
    expect(toolListing(tools)).toMatchSnapshot();
  });

  it('keep github_get_issue exactly as the seed manifest has it', () => {
    const listing = toolListing(tools).find((tool) => tool.name === 'github_get_issue')!;
    expect(Object.keys(listing.inputSchema.properties as object)).toEqual(['owner', 'repo', 'issue_number']);
  });
});
