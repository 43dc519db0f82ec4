/**
 * Cuts a GitHub Actions job log down to the part worth reading: the end of the step that failed.
 * A job log is one line per output line, each prefixed with an ISO timestamp; every step opens with a
 * "##[group]Run …" line and a failing step ends in "##[error]…" lines, after which only post-job
 * cleanup follows.
 */
const TIMESTAMP = /^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
const STEP_START = '##[group]Run ';
const ERROR = '##[error]';

export interface LogTail {
  /** The lines shown, timestamps removed. */
  text: string;
  /** 1-based line numbers of the first and last line shown, and the log's length. */
  from_line: number;
  to_line: number;
  total_lines: number;
  /** Every ##[error] line in the log (up to 10), the likeliest summary of the failure. */
  errors: string[];
}

export function failedStepTail(log: string, tailLines: number, maxChars: number): LogTail {
  const lines = log
    .replace(/\r?\n$/, '')
    .split(/\r?\n/)
    .map((line) => line.replace(TIMESTAMP, ''));
  const errorLines = lines.flatMap((line, index) => (line.startsWith(ERROR) ? [index] : []));
  const end = errorLines.length ? errorLines.at(-1)! + 1 : lines.length;
  let stepStart = 0;
  for (let index = end - 1; index >= 0; index--) {
    if (lines[index]!.startsWith(STEP_START)) {
      stepStart = index;
      break;
    }
  }
  let from = Math.max(stepStart, end - tailLines);
  let text = lines.slice(from, end).join('\n');
  // Keep the end (where the error is) when the lines are long.
  while (text.length > maxChars && from < end - 1) {
    from += 1;
    text = lines.slice(from, end).join('\n');
  }
  if (text.length > maxChars) text = `…${text.slice(text.length - maxChars + 1)}`;
  return {
    text,
    from_line: from + 1,
    to_line: end,
    total_lines: lines.length,
    errors: errorLines.slice(0, 10).map((index) => lines[index]!.slice(ERROR.length)),
  };
}
