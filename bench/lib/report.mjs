import { ROOT_DIR } from './paths.mjs';

/** A markdown table; cells are strings, `|` inside them escaped. */
export function table(header, rows) {
  const escapeCell = (cell) =>
    String(cell ?? '')
      .replaceAll('|', '\\|')
      .replaceAll('\n', ' ');
  return [
    `| ${header.map(escapeCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ].join('\n');
}

/** Removes machine paths from text bound for RESULTS.md. */
export const scrub = (text) => String(text).replaceAll(ROOT_DIR, '.');

/** The best (lowest) value of a metric among the peers of one service. */
export function bestPeer(entries, service, metric) {
  const values = entries
    .filter((entry) => entry.target.kind === 'peer' && entry.target.service === service)
    .map(metric)
    .filter((value) => value !== undefined);
  return values.length ? Math.min(...values) : undefined;
}

export const na = (reason) => `n/a (${scrub(reason)})`;
