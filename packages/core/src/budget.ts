/**
 * Keeps one tool result within a character budget. Long strings and long lists are cut, largest
 * first, and every cut is reported so the text can say what was left out and how to get it.
 */
export interface Cut {
  path: string;
  kind: 'text' | 'list';
  kept: number;
  total: number;
}

const MIN_STRING = 200;
const MIN_LIST = 1;

interface Candidate {
  path: string;
  size: number;
  apply(): Cut | undefined;
}

/** `json` is the returned value's JSON: measuring it made it, and a tool without render() shows it as its text. */
export function fitToBudget<T>(value: T, budget: number): { value: T; cuts: Cut[]; json: string } {
  let json = JSON.stringify(value);
  // Most results fit: no copy for them.
  if (json.length <= budget) return { value, cuts: [], json };
  const copy = structuredClone(value);
  const cuts: Cut[] = [];
  for (let round = 0; round < 50 && json.length > budget; round++) {
    const excess = json.length - budget;
    const candidates: Candidate[] = [];
    collect(copy, '', excess, candidates);
    candidates.sort((a, b) => b.size - a.size);
    const cut = candidates.find((candidate) => candidate.size > 0)?.apply();
    if (!cut) break;
    const same = cuts.find((existing) => existing.path === cut.path);
    if (same) same.kept = cut.kept;
    else cuts.push(cut);
    json = JSON.stringify(copy);
  }
  return { value: copy, cuts, json };
}

function collect(node: unknown, path: string, excess: number, out: Candidate[]): void {
  if (Array.isArray(node)) {
    const size = JSON.stringify(node).length;
    if (node.length > MIN_LIST) {
      out.push({
        path,
        size,
        apply: () => {
          const total = (node as unknown[] & { __total?: number }).__total ?? node.length;
          const average = size / node.length;
          const drop = Math.min(node.length - MIN_LIST, Math.max(1, Math.ceil(excess / average)));
          node.splice(node.length - drop);
          Object.defineProperty(node, '__total', { value: total, enumerable: false, configurable: true });
          return { path: path || '(root)', kind: 'list', kept: node.length, total };
        },
      });
    }
    for (const [index, item] of node.entries()) collectChild(node as unknown as Record<number, unknown>, index, item, `${path}[${index}]`, excess, out);
  } else if (node && typeof node === 'object') {
    for (const [key, item] of Object.entries(node)) {
      collectChild(node as Record<string, unknown>, key, item, path ? `${path}.${key}` : key, excess, out);
    }
  }
}

function collectChild(parent: Record<string | number, unknown>, key: string | number, item: unknown, path: string, excess: number, out: Candidate[]): void {
  if (typeof item === 'string' && item.length > MIN_STRING) {
    out.push({
      path,
      size: item.length,
      apply: () => {
        const total = item.length;
        const keep = Math.max(MIN_STRING, total - excess - 80);
        if (keep >= total) return undefined;
        parent[key] = `${item.slice(0, keep)}\n…[cut: ${total - keep} of ${total} characters not shown]`;
        return { path, kind: 'text', kept: keep, total };
      },
    });
  } else {
    collect(item, path, excess, out);
  }
}

/** The sentence appended to a result whose parts were cut. */
export function describeCuts(cuts: Cut[]): string {
  const parts = cuts.map((cut) =>
    cut.kind === 'list' ? `${cut.path}: ${cut.kept} of ${cut.total} items shown` : `${cut.path}: first ${cut.kept} of ${cut.total} characters shown`,
  );
  return `[output budget reached: ${parts.join('; ')}. Ask for less (a smaller page, a cursor, a narrower query) to see the rest.]`;
}
