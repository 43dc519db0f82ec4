/** Rows as left-aligned columns under a header, two spaces apart (plain text: pipes and scripts read it too). */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** Progress on a terminal while servers start; silent otherwise (pipes, --json). */
export interface Progress {
  update(message: string): void;
  stop(): void;
}

export async function progress(enabled: boolean, first: string): Promise<Progress> {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const { spinner } = await import('@clack/prompts');
  const spin = spinner({ output: process.stderr });
  spin.start(first);
  return { update: (message) => spin.message(message), stop: () => spin.stop() };
}
