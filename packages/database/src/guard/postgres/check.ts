import { enforceTablePolicy, type TablePolicy, type TableRef, tableLabels } from '../../policy/tables.js';
import { isDeniedFunction } from '../functions.js';
import { type Mode, refuse, refuseAs, ruleId } from '../rules.js';
import type { ReadCheck, WriteCheck } from '../types.js';
import { type PgNode, type PgStatement, parsePg } from './parser.js';
import { independentOfStringSetting } from './string-literals.js';
import { names, type PgFindings, WRITE_NODES, walkPg } from './walk.js';

/** What MySQL users write after SHOW to list things; PostgreSQL would read it as a setting's name. */
const MYSQL_SHOW = new Set([
  'tables',
  'databases',
  'schemas',
  'columns',
  'fields',
  'index',
  'indexes',
  'keys',
  'create',
  'full',
  'processlist',
  'status',
  'grants',
]);

/** "InsertStmt" -> "INSERT", "VariableSetStmt" -> "SET", for messages. */
function label(type: string): string {
  const special: Record<string, string> = {
    VariableSetStmt: 'SET',
    VariableShowStmt: 'SHOW',
    TransactionStmt: 'BEGIN/COMMIT/ROLLBACK',
    CopyStmt: 'COPY',
    CreateStmt: 'CREATE TABLE',
    DropStmt: 'DROP',
    DoStmt: 'DO',
    CallStmt: 'CALL',
    SelectStmt: 'SELECT',
  };
  return (
    special[type] ??
    type
      .replace(/Stmt$/, '')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toUpperCase()
  );
}

async function parseOne(sql: string, mode: Mode): Promise<PgStatement> {
  const statements = await parsePg(sql, mode);
  if (statements.length !== 1) {
    refuseAs(
      mode,
      'single-statement',
      statements.length === 0 ? 'no statement to run' : `${statements.length} statements: only one statement may be run per call`,
      'Send exactly one statement per call, without a semicolon in between.',
    );
  }
  if (!independentOfStringSetting(sql)) {
    refuseAs(
      mode,
      'ambiguous-syntax',
      "a '...' string has a backslash before a quote: where it ends depends on the server's standard_conforming_strings",
      "Write strings containing backslashes as E'...' (escape the backslash: E'\\\\') or dollar-quoted ($$...$$).",
    );
  }
  return statements[0] as PgStatement;
}

function checkFunctions(findings: PgFindings, mode: Mode): void {
  const denied = findings.functions.map((ref) => ref.name).find((name) => isDeniedFunction('postgres', name));
  if (denied) {
    refuseAs(
      mode,
      'function',
      `function ${denied}() has side effects (files, programs, sleeps, locks, settings or server state) and is not allowed`,
      `Remove ${denied}() from the statement.`,
    );
  }
  // Attribute notation only calls functions of one composite argument; prefix entries would mostly hit columns.
  const attribute = findings.attributeNames.find((name) => isDeniedFunction('postgres', name, true));
  if (attribute) {
    refuseAs(
      mode,
      'function',
      `.${attribute} can call the function ${attribute}() (PostgreSQL's attribute notation) and is not allowed`,
      `Remove .${attribute} from the statement.`,
    );
  }
}

function hasAnalyze(explain: PgNode): boolean {
  const options = Array.isArray(explain.options) ? (explain.options as { DefElem?: { defname?: string } }[]) : [];
  return options.some((option) => option.DefElem?.defname?.toLowerCase() === 'analyze');
}

export async function checkPgRead(sql: string, policy: TablePolicy): Promise<ReadCheck> {
  const statement = await parseOne(sql, 'read');
  let kind: string;
  let target = statement;
  if (statement.type === 'ExplainStmt') {
    if (hasAnalyze(statement.body)) {
      refuseAs('read', 'explain-analyze', 'EXPLAIN ANALYZE runs the statement', 'Use EXPLAIN without ANALYZE (the plan is estimated, nothing runs).');
    }
    const [innerType, innerBody] = Object.entries((statement.body.query ?? {}) as PgNode)[0] ?? ['', {}];
    target = { type: innerType, body: innerBody as PgNode };
    if (innerType !== 'SelectStmt') {
      refuseAs('read', 'statement-kind', `EXPLAIN of ${label(innerType)} is not allowed: only reads may be explained here`, 'EXPLAIN a SELECT.');
    }
    kind = 'explain';
  } else if (statement.type === 'SelectStmt') {
    kind = statement.body.valuesLists ? 'values' : 'select';
  } else if (statement.type === 'VariableShowStmt') {
    if (MYSQL_SHOW.has(String(statement.body.name).toLowerCase())) {
      refuseAs(
        'read',
        'statement-kind',
        `SHOW ${String(statement.body.name).toUpperCase()} is MySQL syntax; PostgreSQL's SHOW reads one setting`,
        'Use db_list_schemas, db_list_tables and db_describe_table (or query information_schema).',
      );
    }
    kind = 'show';
  } else {
    return refuseAs(
      'read',
      'statement-kind',
      `${label(statement.type)} is not a read statement; this server is read-only`,
      'Use SELECT, WITH ... SELECT, VALUES, TABLE or EXPLAIN (without ANALYZE); SHOW reads a setting.',
    );
  }
  const findings = walkPg({ [target.type]: target.body });
  const nested = findings.statements.slice(1).find((candidate) => candidate !== 'SelectStmt' && !WRITE_NODES.has(candidate));
  if (nested) {
    refuseAs('read', 'statement-kind', `${label(nested)} inside the statement is not a read`, 'Send a single SELECT.');
  }
  const write = findings.writes[0];
  if (write) {
    refuse(
      write.inCte ? ruleId('read', 'cte-write') : ruleId('read', 'statement-kind'),
      `${label(write.type)} ${write.inCte ? 'inside a WITH clause ' : ''}modifies data; this server is read-only`,
      'Remove the data-modifying part; only SELECTs may appear in a WITH clause.',
    );
  }
  if (findings.into) {
    refuseAs('read', 'into', 'SELECT ... INTO creates a table', 'Remove the INTO clause; results come back to you directly.');
  }
  if (findings.locking) {
    refuseAs('read', 'locking', 'FOR UPDATE / FOR SHARE takes row locks', 'Remove the locking clause; a read needs no locks.');
  }
  checkFunctions(findings, 'read');
  enforceTablePolicy(findings.tables, policy);
  return { kind, tables: tableLabels(findings.tables), named: { relations: findings.tables, functions: findings.functions, operators: findings.operators } };
}

const DDL = new Set([
  'CreateStmt',
  'CreateTableAsStmt',
  'ViewStmt',
  'IndexStmt',
  'AlterTableStmt',
  'DropStmt',
  'RenameStmt',
  'TruncateStmt',
  'CreateSeqStmt',
  'AlterSeqStmt',
  'CreateSchemaStmt',
  'CompositeTypeStmt',
  'CreateEnumStmt',
  'AlterEnumStmt',
  'CreateRangeStmt',
  'CommentStmt',
  'CreateFunctionStmt',
  'CreateTrigStmt',
  'CreateDomainStmt',
  'AlterDomainStmt',
  'RefreshMatViewStmt',
  'DefineStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'RuleStmt',
  'CreateStatsStmt',
  'AlterObjectSchemaStmt',
]);
const MAINTENANCE = new Set(['VacuumStmt', 'ReindexStmt', 'ClusterStmt']);
/** DROP of these object kinds only; extensions, languages, servers etc. are admin escapes. */
const DROPPABLE = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_INDEX',
  'OBJECT_SEQUENCE',
  'OBJECT_SCHEMA',
  'OBJECT_TYPE',
  'OBJECT_DOMAIN',
  'OBJECT_TRIGGER',
  'OBJECT_POLICY',
  'OBJECT_RULE',
  'OBJECT_STATISTIC_EXT',
  'OBJECT_FOREIGN_TABLE',
  'OBJECT_FUNCTION',
  'OBJECT_PROCEDURE',
]);
const DROPPED_RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);

function droppedTables(body: PgNode): TableRef[] {
  if (!DROPPED_RELATIONS.has(String(body.removeType))) return [];
  return (Array.isArray(body.objects) ? body.objects : []).flatMap((object) => {
    const parts = names((object as { List?: { items?: unknown } }).List?.items);
    const name = parts.at(-1);
    if (!name) return [];
    return parts.length > 1 ? [{ schema: parts.at(-2) as string, name }] : [{ name }];
  });
}

function refuseEscape(type: string, why: string): never {
  return refuseAs(
    'write',
    'statement-kind',
    `${label(type)} is not allowed: ${why}`,
    'db_execute runs INSERT/UPDATE/DELETE/MERGE and schema changes (CREATE/ALTER/DROP/TRUNCATE, VACUUM/ANALYZE) only.',
  );
}

function allowedForWrite(type: string): boolean {
  return WRITE_NODES.has(type) || DDL.has(type) || MAINTENANCE.has(type) || ['SelectStmt', 'ExplainStmt', 'VariableShowStmt'].includes(type);
}

function checkEscapes(statement: PgStatement): void {
  const { type, body } = statement;
  if (!allowedForWrite(type)) {
    refuseEscape(type, 'it changes privileges, session or transaction state, files, extensions or server settings, or runs code the checker cannot see');
  }
  if (type === 'DropStmt' && !DROPPABLE.has(String(body.removeType))) {
    refuseEscape(type, `dropping ${String(body.removeType).replace('OBJECT_', '').toLowerCase()} objects is an admin operation`);
  }
  if (type === 'CreateFunctionStmt' && !body.sql_body) {
    refuseEscape(type, 'a function body given as a string (or in another language) cannot be checked');
  }
}

function strings(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(strings);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'sval' && typeof value === 'string' ? [value] : strings(value)));
}

/** CREATE OPERATOR/AGGREGATE/TRIGGER bind a function by name; a later call of the object calls the function. */
function checkBoundFunctions(type: string, body: PgNode): void {
  if (type !== 'DefineStmt' && type !== 'CreateTrigStmt') return;
  const bound = strings(type === 'DefineStmt' ? body.definition : body.funcname).find((name) => isDeniedFunction('postgres', name));
  if (bound) {
    refuseAs(
      'write',
      'function',
      `${label(type)} binds the function ${bound}(), which has side effects`,
      `Do not bind ${bound}() to an operator, aggregate or trigger.`,
    );
  }
}

export async function checkPgWrite(sql: string, policy: TablePolicy): Promise<WriteCheck> {
  const statement = await parseOne(sql, 'write');
  checkEscapes(statement);
  let { type, body } = statement;
  if (type === 'ExplainStmt') {
    [type, body] = Object.entries((body.query ?? {}) as PgNode)[0] as [string, PgNode];
    checkEscapes({ type, body });
  }
  const findings = walkPg({ [type]: body });
  // Statements nested in others: CREATE SCHEMA ... GRANT, CREATE RULE ... DO NOTIFY.
  const nested = findings.statements.find((candidate) => !allowedForWrite(candidate));
  if (nested) refuseEscape(nested, 'it is nested in the statement, and changes privileges, session state or server settings');
  checkFunctions(findings, 'write');
  checkBoundFunctions(type, body);
  if (findings.locking && !findings.writes.length) {
    refuseAs('write', 'locking', 'FOR UPDATE / FOR SHARE takes row locks that end with the call', 'Remove the locking clause.');
  }
  const tables = [...findings.tables, ...(type === 'DropStmt' ? droppedTables(body) : [])];
  enforceTablePolicy(tables, policy);
  const labels = tableLabels(tables);
  const unbounded = findings.writes.find((write) => (write.type === 'UpdateStmt' || write.type === 'DeleteStmt') && !write.hasWhere);
  if (DDL.has(type) || (type === 'SelectStmt' && findings.into)) {
    return { kind: 'ddl', needsConfirmation: true, reason: `${label(type)} changes the schema`, tables: labels };
  }
  if (MAINTENANCE.has(type)) {
    return { kind: 'other', needsConfirmation: true, reason: `${label(type)} rewrites or locks tables`, tables: labels };
  }
  if (unbounded) {
    return { kind: 'dml', needsConfirmation: true, reason: `${label(unbounded.type)} without WHERE affects every row`, tables: labels };
  }
  return { kind: findings.writes.length > 0 ? 'dml' : 'read', needsConfirmation: false, tables: labels };
}
