/** The first line of a commit message or similar text. */
export const firstLine = (text: string): string => text.split('\n', 1)[0]!.trim();

/** A short SHA for labels; full SHAs stay in the data itself. */
export const shortSha = (sha: string): string => sha.slice(0, 7);

/** Whether decoded bytes look binary (a NUL byte in the first 8 KB, as git decides). */
export const looksBinary = (bytes: Uint8Array): boolean => bytes.subarray(0, 8000).includes(0);
