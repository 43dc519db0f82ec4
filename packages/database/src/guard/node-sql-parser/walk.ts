import type { TableRef } from '../../policy/tables.js';
import type { NspNode } from './parser.js';

/** What a walk over node-sql-parser's AST found, anywhere in the tree. */
export interface NspFindings {
  tables: TableRef[];
  /** Every function called, as written. */
  functions: TableRef[];
  /** Types of statement nodes nested inside the statement (subqueries are "select"). */
  nestedStatements: string[];
  into: string[];
  locking: string[];
  assignments: number;
  /** Every CTE name defined anywhere (lower case), to read node-sql-parser's own table list. */
  cteNames: Set<string>;
  /** Tables named in SQLite's pragma_table_info('t') and friends. */
  pragmaTables: TableRef[];
  /** Names of tables the statement writes (INSERT/UPDATE/DELETE targets, DDL objects). */
  written: TableRef[];
}

const STATEMENT_TYPES = new Set([
  'select',
  'insert',
  'replace',
  'update',
  'delete',
  'create',
  'drop',
  'alter',
  'truncate',
  'rename',
  'set',
  'use',
  'grant',
  'revoke',
  'lock',
  'unlock',
  'load_data',
  'call',
  'attach',
  'detach',
  'transaction',
  'show',
  'desc',
  'explain',
  'exec',
  'declare',
  'if',
  'go',
  'proc',
  'merge',
]);

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') return value.value;
  return undefined;
}

/** node-sql-parser keeps doubled quote characters of quoted names raw. */
function unquote(name: string): string {
  return name.replaceAll('``', '`').replaceAll('""', '"');
}

export function tableRef(item: NspNode): TableRef | undefined {
  const name = text(item.table);
  if (name === undefined) return undefined;
  const schema = text(item.db) ?? text(item.schema);
  return schema ? { schema: unquote(schema), name: unquote(name) } : { name: unquote(name) };
}

const TABLE_PRAGMA_FUNCTIONS = new Set(['pragma_table_info', 'pragma_table_xinfo', 'pragma_index_list', 'pragma_foreign_key_list', 'pragma_foreign_key_check']);

function firstStringArgument(call: NspNode): string | undefined {
  const args = call.args as { value?: unknown } | undefined;
  const first = Array.isArray(args?.value) ? (args.value[0] as NspNode | undefined) : undefined;
  return first && /string$/.test(String(first.type)) && typeof first.value === 'string' ? first.value : undefined;
}

function isSessionVariable(target: unknown): boolean {
  if (!target || typeof target !== 'object') return true;
  const variable = target as NspNode;
  return variable.type !== 'var' || variable.prefix === '@' || variable.prefix === '@@';
}

/** A call's function as written: `f(...)` or `db.f(...)`. */
export function functionRef(node: NspNode): TableRef | undefined {
  const name = node.name;
  if (typeof name === 'string') return { name };
  if (name && typeof name === 'object' && 'name' in name && Array.isArray(name.name)) {
    const last = name.name
      .map(text)
      .filter((part): part is string => part !== undefined)
      .at(-1);
    const schema = 'schema' in name ? text(name.schema) : undefined;
    if (last === undefined) return undefined;
    return schema ? { schema, name: last } : { name: last };
  }
  const plain = text(name);
  return plain === undefined ? undefined : { name: plain };
}

/**
 * Walks the whole tree. CTE names are scoped: a CTE body sees the CTEs defined before it (and itself when
 * recursive), the statement body sees them all; an unqualified name found in scope is a CTE, not a table.
 */
export function walkNsp(root: NspNode): NspFindings {
  const findings: NspFindings = {
    tables: [],
    functions: [],
    nestedStatements: [],
    into: [],
    locking: [],
    assignments: 0,
    cteNames: new Set(),
    written: [],
    pragmaTables: [],
  };

  const readTables = (items: unknown, scope: ReadonlySet<string>, sink: TableRef[]): void => {
    for (const item of Array.isArray(items) ? items.flat(2) : [items]) {
      if (!item || typeof item !== 'object' || 'expr' in item) continue;
      const ref = tableRef(item as NspNode);
      if (!ref) continue;
      if (ref.schema === undefined && scope.has(ref.name.toLowerCase())) continue;
      sink.push(ref);
    }
  };

  const visit = (value: unknown, scope: ReadonlySet<string>, depth: number): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, scope, depth);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as NspNode;
    let inner = scope;
    const withItems = node.with;
    if (Array.isArray(withItems) && withItems.length > 0) {
      const names = withItems.map((item: NspNode) => text(item.name)?.toLowerCase() ?? '');
      for (const name of names) findings.cteNames.add(name);
      for (const [index, item] of (withItems as NspNode[]).entries()) {
        const visible = new Set([...scope, ...names.slice(0, index + (item.recursive ? 1 : 0))]);
        visit(item.stmt, visible, depth + 1);
      }
      inner = new Set([...scope, ...names]);
    }
    const type = typeof node.type === 'string' ? node.type : undefined;
    if (type && depth > 0 && STATEMENT_TYPES.has(type) && 'ast' in node === false) findings.nestedStatements.push(type);
    // Any node with a name and arguments is a call, whatever type node-sql-parser gave it.
    if (type === 'function' || type === 'aggr_func' || ('name' in node && 'args' in node)) {
      const ref = functionRef(node);
      if (ref) findings.functions.push(ref);
      const table = ref && TABLE_PRAGMA_FUNCTIONS.has(ref.name.toLowerCase()) ? firstStringArgument(node) : undefined;
      if (table !== undefined) findings.pragmaTables.push({ name: table });
    }
    // Only user and system variables outlive the statement (SET NEW.col in a trigger body is local).
    if (type === 'assign' && isSessionVariable(node.left)) findings.assignments++;
    const into = node.into;
    if (into && typeof into === 'object') {
      const clause = into as NspNode;
      if (clause.type === 'into' || clause.keyword || clause.expr) findings.into.push(String(clause.keyword ?? 'INTO'));
    }
    for (const key of ['locking_read', 'for_update'] as const) {
      const lock = node[key];
      if (lock) findings.locking.push(typeof lock === 'string' ? lock : 'FOR UPDATE');
    }
    if ('from' in node) readTables(node.from, inner, findings.tables);
    if (type === 'desc' || type === 'show') readTables(node, inner, findings.tables);
    if (type === 'show' && node.table && typeof node.table === 'object') readTables(node.table, inner, findings.tables);
    if (type && ['insert', 'replace', 'update', 'delete', 'create', 'alter', 'truncate', 'drop', 'rename'].includes(type)) {
      readTables(node.table, inner, findings.written);
      readTables(node.name, inner, findings.written);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'with') continue;
      visit(child, inner, depth + 1);
    }
  };

  visit(root, new Set(), 0);
  return findings;
}
