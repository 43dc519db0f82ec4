import { fileURLToPath } from 'node:url';
import { toolDeclarationProblems, toolSnapshotProblems } from '@toolbridge/core/testing';
import { describe, expect, it } from 'vitest';
import { tools } from '../src/tools/index.js';

describe('tool declarations', () => {
  it('are honest and complete', () => {
    expect(toolDeclarationProblems(tools, 'db')).toEqual([]);
  });

  it('match their reviewed snapshots, one file a tool', () => {
    expect(toolSnapshotProblems(tools, fileURLToPath(new URL('./__toolsnaps__', import.meta.url)))).toEqual([]);
  });
});
