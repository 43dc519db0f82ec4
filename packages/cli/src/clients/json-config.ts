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

/** The indentation unit a file already uses (two spaces when it has none yet) and its line ending. */
function styleOf(text: string) {
  const unit = /\n([ \t]+)["}\]]/.exec(text)?.[1] ?? '  ';
  return { unit, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** The whitespace that starts the line holding `offset`. */
const lineIndent = (text: string, offset: number) => /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', offset - 1) + 1))![0];

/** The offset just past a comma that follows `offset` (skipping blanks and comments), if one does. */
function commaAfter(text: string, offset: number): number | undefined {
  const rest = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*,/.exec(text.slice(offset));
  return rest ? offset + rest[0].length : undefined;
}

/**
 * Adds a member (`"key": value` for an object, `value` for an array) after the container's last one, on a
 * line of its own at the indentation its siblings use. jsonc-parser's modify() would re-format the previous
 * sibling too; this touches nothing but the new text (and a comma the previous member needs).
 */
function insertMember(text: string, container: Node, member: (indent: string, eol: string) => string): string {
  const { unit, eol } = styleOf(text);
  const children = container.children ?? [];
  const last = children.at(-1);
  const closing = container.offset + container.length - 1;
  if (!last) {
    const outer = lineIndent(text, container.offset);
    return `${text.slice(0, container.offset + 1)}${eol}${member(outer + unit, eol)}${eol}${outer}${text.slice(closing)}`;
  }
  const first = children[0]!;
  const firstIndent = lineIndent(text, first.offset);
  const indent =
    text.slice(first.offset - firstIndent.length, first.offset) === firstIndent && /\n[ \t]*$/.test(text.slice(0, first.offset))
      ? firstIndent
      : lineIndent(text, container.offset) + unit;
  const end = last.offset + last.length;
  const comma = commaAfter(text, end);
  // After the rest of the last member's line (a trailing comment stays with its member).
  const lineEnd = text.indexOf('\n', comma ?? end);
  const at = lineEnd < 0 || lineEnd > closing ? closing : lineEnd;
  const before = comma === undefined ? `${text.slice(0, end)},${text.slice(end, at)}` : text.slice(0, at);
  const trailing = comma === undefined ? '' : ',';
  const after = text.slice(at);
  const newline = at === closing ? `${eol}${lineIndent(text, container.offset)}` : '';
  return `${before.replace(/[ \t]*$/, '')}${eol}${member(indent, eol)}${trailing}${newline}${after}`;
}

/** JSON text of a value, its lines after the first indented to sit at `indent`. */
const rendered = (value: unknown, indent: string, unit: string, eol: string) => JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`);

/** Sets `value` at `path`, creating what is missing, and keeping everything else as written. */
export function setAt(text: string, path: JSONPath, value: unknown): string {
  const tree = parseTree(text, [], PARSE_OPTIONS);
  if (!tree)
    return `${JSON.stringify(
      path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value),
      null,
      2,
    )}\n`;
  const { unit, eol } = styleOf(text);
  if (findNodeAtLocation(tree, path))
    return applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: !unit.includes('\t'), tabSize: unit.length, eol } }));
  let depth = path.length - 1;
  let parent = depth === 0 ? tree : findNodeAtLocation(tree, path.slice(0, depth));
  while (!parent && depth > 0) {
    depth -= 1;
    parent = depth === 0 ? tree : findNodeAtLocation(tree, path.slice(0, depth));
  }
  if (parent?.type !== 'object') throw new Error(`cannot add ${path.join('.')}: ${path.slice(0, depth).join('.') || 'the top'} is not an object`);
  const nested = path.slice(depth + 1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  return insertMember(text, parent, (indent) => `${indent}${JSON.stringify(String(path[depth]))}: ${rendered(nested, indent, unit, eol)}`);
}

/** Appends `value` to the array at `path` (created when missing), keeping everything else as written. */
export function appendAt(text: string, path: JSONPath, value: unknown): string {
  const array = findNodeAtLocation(parseTree(text, [], PARSE_OPTIONS)!, path);
  if (!array) return setAt(text, path, [value]);
  if (array.type !== 'array') throw new Error(`cannot append to ${path.join('.')}: it is not an array`);
  const { unit, eol } = styleOf(text);
  return insertMember(text, array, (indent) => `${indent}${rendered(value, indent, unit, eol)}`);
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
