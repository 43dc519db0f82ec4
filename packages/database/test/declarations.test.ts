import { describe, expect, it } from 'vitest';
import { toolDeclarationProblems, toolListing } from '@toolbridge/core/testing';
import { tools } from '../src/tools/index.js';

describe('tool declarations', () => {
  it('are honest and complete (the issue fixes three two-part names)', () => {
    // db_query, db_explain and db_execute are the names the issue fixes; every other rule must hold.
    expect(toolDeclarationProblems(tools, 'db')).toEqual([
      'db_query: name must be db_<verb>_<noun>',
      'db_explain: name must be db_<verb>_<noun>',
      'db_execute: name must be db_<verb>_<noun>',
    ]);
  });

  it('match the committed listing', () => {
    expect(toolListing(tools)).toMatchSnapshot();
  });
});
