import { toolDeclarationProblems, toolListing } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/tools/index.js';

describe('tool declarations', () => {
  it('are honest and complete', () => {
    expect(toolDeclarationProblems(tools, 'db')).toEqual([]);
  });

  it('match the committed listing', () => {
    expect(toolListing(tools)).toMatchSnapshot();
  });
});
