import { activeRule, enforceTablePolicy, policyIsActive, type TablePolicy, type TableRef, tableLabels } from '../../policy/tables.js';
import { isDeniedFunction } from '../functions.js';
import { lex, type Token } from '../lexer.js';
import { type Mode, refuse, refuseAs } from '../rules.js';
import { checkPragma } from '../sqlite/pragma.js';
import type { NamedObjects, ReadCheck, WriteCheck } from '../types.js';
import { explainPrefix } from './explain-prefix.js';
import { type NspDialect, type NspNode, parseNsp } from './parser.js';
import { prescan } from './prescan.js';
import { type NspFindings, walkNsp } from './walk.js';
import { withExplicitPartitions } from './windows.js';

const READ_KINDS = new Set(['select', 'show', 'desc', 'explain']);
const DML = new Set(['insert', 'replace', 'update', 'delete']);
const DDL = new Set(['create', 'drop', 'alter', 'truncate', 'rename']);
/** First words of statements db_execute never runs, parseable or not (MySQL and SQLite). */
const ESCAPE_STARTS = new Set([
  'do',
  'handler',
  'vacuum',
  'attach',
  'detach',
  'load',
  'grant',
  'revoke',
  'set',
  'use',
  'lock',
  'unlock',
  'kill',
  'shutdown',
  'flush',
  'install',
  'uninstall',
  'prepare',
  'execute',
  'deallocate',
  'xa',
  'begin',
  'start',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'call',
  'reset',
  'purge',
  'change',
  'cache',
  'optimize',
  'repair',
  'analyze',
  'clone',
  'reindex',
  'binlog',
  'help',
  'import',
]);
/** First words of statements that are not reads, to name the refusal of text the parser cannot read. */
const WRITE_STARTS = new Set([...ESCAPE_STARTS, 'insert', 'update', 'delete', 'replace', 'merge', 'create', 'drop', 'alter', 'truncate', 'rename']);

/** DDL keywords that are really privilege or code escapes (users, UDF libraries), refused even for writes. */
const ADMIN_OBJECTS = new Set(['user', 'role', 'function', 'procedure', 'server', 'tablespace', 'logfile', 'event']);

function firstWord(sql: string, tokens: readonly Token[]): string {
  const token = tokens.find((candidate) => candidate.kind !== 'comment' && candidate.kind !== 'semicolon');
  return token?.kind === 'word' ? sql.slice(token.start, token.end).toLowerCase() : '';
}

const isPragma = (sql: string, dialect: NspDialect) =>
  dialect === 'sqlite' && firstWord(sql, lex(sql, dialect, { backslashEscapes: false, ansiQuotes: false }).tokens) === 'pragma';

/**
 * node-sql-parser lists every token it expected; the position and the text there say more. The position
 * is given in the SQL as written, though the parser may have read the checker's version of it.
 */
function describeSyntaxError(sql: string, error: unknown, toWritten: (offset: number) => number): string {
  const parsedAt = (error as { location?: { start?: { offset?: number } } }).location?.start?.offset;
  if (parsedAt === undefined) return error instanceof Error ? error.message.slice(0, 160) : String(error);
  const offset = toWritten(parsedAt);
  const before = sql.slice(0, offset).split('\n');
  const near = sql.slice(offset, offset + 24).split('\n')[0] || 'the end of the text';
  return `unexpected syntax at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}, near "${near}"`;
}

async function parseOne(sql: string, dialect: NspDialect, mode: Mode): Promise<{ statement: NspNode; tableList: string[] }> {
  const tokens = prescan(sql, dialect, mode);
  const checkerText = dialect === 'sqlite' ? withExplicitPartitions(sql, tokens) : { text: sql, toWritten: (offset: number) => offset };
  let parsed: Awaited<ReturnType<typeof parseNsp>>;
  try {
    parsed = await parseNsp(checkerText.text, dialect);
  } catch (error) {
    const word = firstWord(sql, tokens);
    if ((mode === 'read' ? WRITE_STARTS : ESCAPE_STARTS).has(word)) {
      refuseAs(
        mode,
        'statement-kind',
        `${word.toUpperCase()} statements are not allowed${mode === 'read' ? '; this server is read-only' : ''}`,
        mode === 'read' ? 'Use SELECT, SHOW, DESCRIBE or EXPLAIN.' : 'db_execute runs INSERT/UPDATE/DELETE and schema changes only.',
      );
    }
    const detail = describeSyntaxError(sql, error, checkerText.toWritten);
    refuseAs(
      mode,
      'parse',
      `the ${dialect === 'mysql' ? 'MySQL' : 'SQLite'} SQL checker cannot parse this statement: ${detail}`,
      'Only SQL the checker can parse is run. Simplify the statement (standard syntax, one statement) and retry.' +
        (dialect === 'sqlite' && /\b(rows|range|groups)\s+between\b/i.test(sql)
          ? ' The SQLite checker does not read window frame clauses (ROWS/RANGE/GROUPS BETWEEN): leave the frame out (the default frame runs from the partition start to the current row) or compute it with a subquery.'
          : ''),
    );
  }
  if (parsed.statements.length !== 1) {
    refuseAs(
      mode,
      'single-statement',
      `${parsed.statements.length} statements: only one statement may be run per call`,
      'Send each statement in its own call.',
    );
  }
  return { statement: parsed.statements[0] as NspNode, tableList: parsed.tableList };
}

/** A WHERE that mentions no column, parameter, function or subquery (WHERE 1 = 1) keeps every row. */
function narrows(where: unknown): boolean {
  if (Array.isArray(where)) return where.some(narrows);
  if (!where || typeof where !== 'object') return false;
  const node = where as NspNode;
  if (['column_ref', 'function', 'aggr_func', 'param', 'var'].includes(String(node.type)) || 'ast' in node) return true;
  if (node.type === 'origin' && node.value === '?') return true;
  return Object.values(node).some(narrows);
}

/** Adds tables node-sql-parser listed that the walk did not see (and that are not CTE names): fail safe. */
function withParserTables(findings: NspFindings, tableList: readonly string[]): TableRef[] {
  const tables = [...findings.tables, ...findings.written, ...findings.pragmaTables];
  const known = new Set(tables.map((table) => table.name.toLowerCase()));
  for (const entry of tableList) {
    const [, db, name] = entry.split('::');
    if (!name || name === 'null' || known.has(name.toLowerCase()) || findings.cteNames.has(name.toLowerCase())) continue;
    tables.push(db && db !== 'null' ? { schema: db, name } : { name });
  }
  return tables;
}

/** The checks reads and writes share: functions, session variables, INTO, locking clauses. */
function checkSideEffects(findings: NspFindings, dialect: NspDialect, mode: Mode): void {
  // SQLite's table-valued functions can be named like tables (SELECT * FROM sqlite_dbpage).
  const tableNames = dialect === 'sqlite' ? findings.tables.map((table) => table.name).filter((name) => isDeniedFunction(dialect, name, true)) : [];
  for (const name of [...findings.functions.map((ref) => ref.name), ...tableNames]) {
    if (isDeniedFunction(dialect, name)) {
      refuseAs(
        mode,
        'function',
        `function ${name}() has side effects (files, programs, sleeps, locks or server state) and is not allowed`,
        `Remove ${name}() from the statement.`,
      );
    }
  }
  if (findings.assignments > 0) {
    refuseAs(
      mode,
      'session-state',
      'assigning a user variable (@x := ...) changes session state that outlives the call',
      'Compute the value inside the query (a CTE or subquery) instead of a variable.',
    );
  }
  // INTO OUTFILE/DUMPFILE writes a file; INTO @var sets session state: refused for writes too.
  const into = findings.into[0];
  if (into) {
    refuseAs(mode, 'into', `SELECT ... INTO ${into.toUpperCase()} writes a file or variables`, 'Remove the INTO clause; results come back to you directly.');
  }
  if (findings.locking.length > 0) {
    refuseAs(
      mode,
      'locking',
      `${findings.locking[0]?.toUpperCase()} takes row locks`,
      'Remove the locking clause (FOR UPDATE / LOCK IN SHARE MODE); a read needs no locks.',
    );
  }
}

/** What a view definition (the server's canonical SELECT text) names: for following views through the catalogs. */
export async function mysqlNamedObjects(definition: string): Promise<NamedObjects> {
  const parsed = await parseNsp(definition, 'mysql');
  if (parsed.statements.length !== 1) throw new Error('a view definition holds one statement');
  const findings = walkNsp(parsed.statements[0] as NspNode);
  return { relations: withParserTables(findings, parsed.tableList), functions: findings.functions, operators: [] };
}

/** SHOW statements that name no table but the one they are about (which the policy checks), or none. */
const SHOW_WITHOUT_OTHER_TABLES = new Set([
  'columns',
  'fields',
  'index',
  'indexes',
  'keys',
  'databases',
  'schemas',
  'status',
  'variables',
  'engines',
  'charset',
  'character',
  'collation',
  'warnings',
  'errors',
  'plugins',
  'privileges',
]);

/** SHOW TABLES, SHOW CREATE, SHOW TRIGGERS, SHOW PROCESSLIST... list or describe tables the policy may hide. */
function checkShowUnderPolicy(statement: NspNode, policy: TablePolicy): void {
  const keyword = String(statement.keyword ?? '').toLowerCase();
  if (SHOW_WITHOUT_OTHER_TABLES.has(keyword)) return;
  refuse(
    activeRule(policy),
    `SHOW ${keyword.toUpperCase()} lists or describes tables (or statements) that ${activeRule(policy)} may hide`,
    'Use db_list_tables and db_describe_table instead: they leave the tables the policy hides out.',
  );
}

/** MySQL/MariaDB reads (SQLite reads are checked by SQLite itself: sqlite/check.ts). */
export async function checkMysqlRead(sql: string, policy: TablePolicy): Promise<ReadCheck> {
  const dialect = 'mysql';
  const explain = explainPrefix(sql);
  if (explain) {
    prescan(sql, dialect, 'read');
    const inner = await checkMysqlRead(sql.slice(explain.innerStart), policy);
    if (inner.kind !== 'select') {
      refuseAs('read', 'statement-kind', `EXPLAIN of ${inner.kind.toUpperCase()} is not allowed`, 'EXPLAIN a SELECT.');
    }
    return { ...inner, kind: 'explain' };
  }
  const { statement, tableList } = await parseOne(sql, dialect, 'read');
  const kind = String(statement.type);
  if (!READ_KINDS.has(kind)) {
    refuseAs('read', 'statement-kind', `${kind.toUpperCase()} is not a read statement; this server is read-only`, 'Use SELECT, SHOW, DESCRIBE or EXPLAIN.');
  }
  if (kind === 'explain') {
    const inner = statement.expr as NspNode | undefined;
    if (inner?.type !== 'select') {
      refuseAs('read', 'statement-kind', 'EXPLAIN of a statement that is not a SELECT', 'EXPLAIN only SELECT statements here.');
    }
  }
  const findings = walkNsp(statement);
  const nestedWrite = findings.nestedStatements.find((type) => !READ_KINDS.has(type));
  if (nestedWrite) {
    refuseAs('read', 'cte-write', `a nested ${nestedWrite.toUpperCase()} statement writes data`, 'Remove the data-modifying part.');
  }
  checkSideEffects(findings, dialect, 'read');
  const tables = withParserTables(findings, tableList);
  enforceTablePolicy(tables, policy);
  if (kind === 'show' && policyIsActive(policy)) checkShowUnderPolicy(statement, policy);
  return { kind: kind === 'desc' ? 'describe' : kind, tables: tableLabels(tables), named: { relations: tables, functions: findings.functions, operators: [] } };
}

export async function checkNspWrite(sql: string, dialect: NspDialect, policy: TablePolicy): Promise<WriteCheck> {
  if (isPragma(sql, dialect)) {
    prescan(sql, dialect, 'write');
    const pragma = checkPragma(sql, 'write');
    enforceTablePolicy(pragma.tables, policy);
    return { kind: 'read', needsConfirmation: false, tables: tableLabels(pragma.tables) };
  }
  const { statement, tableList } = await parseOne(sql, dialect, 'write');
  const type = String(statement.type);
  const keyword = typeof statement.keyword === 'string' ? statement.keyword.toLowerCase() : '';
  const isEscape = !DML.has(type) && !DDL.has(type) && !READ_KINDS.has(type);
  if (isEscape || (DDL.has(type) && ADMIN_OBJECTS.has(keyword))) {
    refuseAs(
      'write',
      'statement-kind',
      `${[type, keyword].filter(Boolean).join(' ').toUpperCase()} is not allowed: it changes privileges, session state, files or server code`,
      'db_execute runs INSERT/UPDATE/DELETE and schema changes (CREATE/ALTER/DROP/TRUNCATE) only.',
    );
  }
  const findings = walkNsp(statement);
  checkSideEffects(findings, dialect, 'write');
  const tables = withParserTables(findings, tableList);
  enforceTablePolicy(tables, policy);
  const labels = tableLabels(tables);
  if (DDL.has(type)) {
    return { kind: 'ddl', needsConfirmation: true, reason: `${type.toUpperCase()} changes the schema`, tables: labels };
  }
  if ((type === 'update' || type === 'delete') && !narrows(statement.where)) {
    return {
      kind: 'dml',
      needsConfirmation: true,
      reason: `${type.toUpperCase()} without WHERE affects every row`,
      tables: labels,
    };
  }
  return { kind: DML.has(type) ? 'dml' : 'read', needsConfirmation: false, tables: labels };
}
