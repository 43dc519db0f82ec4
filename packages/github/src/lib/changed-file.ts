import { tableOf, truncate } from '@toolbridge/core';
import * as z from 'zod';

/** A changed file of a commit or pull request; the patch is capped per file with a marker. */
export const changedFileOutput = z.object({
  filename: z.string(),
  status: z.string(),
  additions: z.number(),
  deletions: z.number(),
  previous_filename: z.string().optional(),
  patch: z.string().optional(),
});

/** Changed files as a commit or pull request lists them: one row each. */
export const changedFileTable = tableOf(() => changedFileOutput);

export interface RestChangedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  previous_filename?: string;
  patch?: string;
}

export const cappedPatch = (patch: string, maxChars: number): string => truncate(patch, maxChars, `\n…[patch cut at ${maxChars} of ${patch.length} chars]`);

/** The file without its patch; callers add the (capped, fenced) patch themselves. */
export const changedFile = (file: RestChangedFile) => ({
  filename: file.filename,
  status: file.status,
  additions: file.additions,
  deletions: file.deletions,
  ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
});
