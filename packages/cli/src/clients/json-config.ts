// Reading and merging the JSON (with comments) configurations of Claude Code, Claude Desktop, Cursor, VS Code
// and Gemini CLI. jsonc-parser's edits change only the entries added: comments, key order and the formatting of
// everything else stay as the user left them. (Its ESM build: the UMD one requires its parts at run time,
// which a bundle cannot follow.)
import {
  applyEdits,
  findNodeAtLocation,
  getNodeValue,
  type JSONPath,
  modify,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser/lib/esm/main.js';
import { serverOfCommand } from '../registry/index.js';
import type { ClientId, ConfiguredServer, Rendered, ServerPlan } from './types.js';
import { UnreadableConfig } from './types.js';

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false } as const;

/** Line and column (1-based) of an offset. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The parsed tree of a configuration; throws UnreadableConfig naming the first problem's line and column. */
export function parseConfig(text: string, file: string): Node | undefined {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, PARSE_OPTIONS);
  const first = errors[0];
  if (first) {
    const { line, column } = positionOf(text, first.offset);
    throw new UnreadableConfig(file, line, column, `not valid JSON (${printParseErrorCode(first.error)})`);
  }
  if (tree && tree.type !== 'object') throw new UnreadableConfig(file, 1, 1, 'expected a JSON object at the top');
  return tree;
}

/** The entries of an object at a path, each with its value and the line of its key. */
export function entriesAt(text: string, tree: Node | undefined, path: JSONPath, file: string): Array<{ name: string; value: unknown; line: number }> {
  const node = tree && findNodeAtLocation(tree, path);
  if (!node) return [];
  if (node.type !== 'object') {
    const { line, column } = positionOf(text, node.offset);
    throw new UnreadableConfig(file, line, column, `"${path.join('.')}" should be an object of servers`);
  }
  return (node.children ?? []).map((property) => {
    const [key, value] = property.children as [Node, Node];
    return { name: String(key.value), value: getNodeValue(value), line: positionOf(text, key.offset).line };
  });
}

/** The indentation a file already uses (two spaces when it has none yet). */
function formattingOf(text: string) {
  const indent = /\n([ \t]+)["}]/.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** Sets `value` at `path`, keeping everything else as written. */
export function setAt(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text) }));
}

/** Appends `value` to the array at `path` (created when missing). */
export function appendAt(text: string, path: JSONPath, value: unknown): string {
  return applyEdits(text, modify(text, [...path, -1], value, { formattingOptions: formattingOf(text), isArrayInsertion: true }));
}

interface StdioEntry {
  command?: unknown;
  args?: unknown;
  env?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const stringRecord = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string')) : {};

/** Reads the stdio servers under `path` of a JSON configuration. */
export function readJsonServers(client: ClientId, text: string, file: string, path: JSONPath): ConfiguredServer[] {
  const tree = parseConfig(text, file);
  return entriesAt(text, tree, path, file).flatMap(({ name, value, line }) => {
    const entry = (value ?? {}) as StdioEntry;
    if (typeof entry.command !== 'string') return [];
    return [{ client, file, line, name, command: entry.command, args: strings(entry.args), env: stringRecord(entry.env), forwarded: [] }];
  });
}

/**
 * Merges server entries into a JSON configuration under `path`. An entry of the same name is kept as it is
 * (it may hold the user's own flags) unless `replace`; one that runs something other than toolbridge is
 * never overwritten without `replace`.
 */
export function mergeJsonServers(
  existing: string | undefined,
  plans: readonly ServerPlan[],
  options: { path: JSONPath; replace: boolean; file: string; entry: (plan: ServerPlan) => Record<string, unknown> },
): Rendered & { added: ServerPlan[] } {
  let text = existing?.trim() ? existing : '{}\n';
  const present = new Map(entriesAt(text, parseConfig(text, options.file), options.path, options.file).map((item) => [item.name, item]));
  const notes: string[] = [];
  const added: ServerPlan[] = [];
  for (const plan of plans) {
    const current = present.get(plan.name);
    if (current && !options.replace) {
      const { command, args } = (current.value ?? {}) as StdioEntry;
      const runs = typeof command === 'string' ? serverOfCommand(command, strings(args)) : undefined;
      notes.push(
        runs === plan.server
          ? `"${plan.name}" is already configured (line ${current.line}): kept as it is (--replace rewrites it).`
          : `"${plan.name}" already exists (line ${current.line}) and runs something else: kept (--replace swaps it for ${plan.server.package}).`,
      );
      continue;
    }
    text = setAt(text, [...options.path, plan.name], options.entry(plan));
    added.push(plan);
  }
  return { text: text.endsWith('\n') ? text : `${text}\n`, notes, added };
}
