import type { EngineSession, SqliteProgram } from '../engine/types.js';
import { isDeniedFunction } from '../guard/functions.js';
import { refuseAs } from '../guard/rules.js';
import type { PragmaCall, SqliteRead } from '../guard/sqlite/check.js';
import { type PragmaShape, pragmaShape } from '../guard/sqlite/pragma.js';
import { enforceResolution, type OpaqueCode, type ReadRelation } from './resolution.js';
import { activeRule, policyIsActive, refuseBy, type TablePolicy, type TableRef, tableLabel } from './tables.js';

/** Virtual tables that are functions of their arguments alone. */
const PURE_VIRTUAL = new Set(['json_each', 'json_tree']);
/** PRAGMAs (statement or table-valued function) that name other tables or scan them all: refused under a policy. */
const LISTS_TABLES = new Set(['foreign_key_list', 'foreign_key_check', 'table_list']);

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
const isSystemTable = (name: string) => name.toLowerCase().startsWith('sqlite_');

/** The b-trees a program opens, as relations: an index counts as its table, SQLite's own tables as catalogs. */
function openedRelations(program: SqliteProgram): ReadRelation[] {
  return program.opened.map((object) => ({ schema: object.schema, name: object.table, class: isSystemTable(object.table) ? 'system' : 'table' }));
}

interface Reads {
  relations: ReadRelation[];
  opaque: OpaqueCode[];
}

/**
 * The SQL names the program's tables were written as: a table opened that the text does not name is read
 * through a view or a subquery's view, and the refusal names the view's reading, not the hidden table.
 */
function viaFor(written: ReadonlySet<string>, name: string): string | undefined {
  return written.has(name.toLowerCase()) || isSystemTable(name) ? undefined : 'the statement (through a view)';
}

/** What reading the table or view `name` opens: SQLite compiles `SELECT * FROM name` and says. */
async function objectReads(session: EngineSession, name: string, schema: string | undefined, label: string): Promise<Reads> {
  const program = await session.program!(`SELECT * FROM ${schema ? `${quoted(schema)}.` : ''}${quoted(name)}`);
  const relations = openedRelations(program).map((relation) => (relation.name.toLowerCase() === name.toLowerCase() ? relation : { ...relation, via: label }));
  // A pragma_* function inside a view names its table in the view, where no literal can be checked.
  const virtual = virtualReads(program, [], label);
  return { relations: [...relations, ...virtual.relations], opaque: [...unresolved(program, label), ...virtual.opaque] };
}

const unresolved = (program: SqliteProgram, via: string | undefined): OpaqueCode[] =>
  program.unresolved.map((what) => ({ label: what, via, why: 'SQLite opens it without a name this server can look up' }));

/** Virtual tables: pure ones pass, pragma_* ones need their table named by a literal, the rest are external. */
function virtualReads(program: SqliteProgram, calls: readonly PragmaCall[], via: string | undefined): Reads & { pragmaObjects: PragmaCall[] } {
  const relations: ReadRelation[] = [];
  const opaque: OpaqueCode[] = [];
  const pragmaObjects: PragmaCall[] = [];
  for (const name of new Set(program.virtual)) {
    const lower = name.toLowerCase();
    if (PURE_VIRTUAL.has(lower)) continue;
    const pragma = lower.startsWith('pragma_') ? lower.slice('pragma_'.length) : undefined;
    if (pragma === undefined || pragmaShape(pragma) === undefined) {
      relations.push({ schema: 'main', name, class: 'external', via });
      continue;
    }
    const shape = pragmaShape(pragma) as PragmaShape;
    if (shape === 'none') continue;
    const mine = calls.filter((call) => call.pragma === pragma);
    if (LISTS_TABLES.has(pragma) || !mine.length || mine.some((call) => call.object === undefined)) {
      opaque.push({
        label: `${name}()`,
        via,
        why: LISTS_TABLES.has(pragma) ? 'it names or scans other tables' : 'its table is not named by a string literal',
        hint: LISTS_TABLES.has(pragma)
          ? 'Use db_describe_table or db_list_tables instead: they leave the tables the policy hides out.'
          : `Name the table with a string literal, as in ${name}('orders').`,
      });
      continue;
    }
    pragmaObjects.push(...mine);
  }
  return { relations, opaque, pragmaObjects };
}

/** The table a PRAGMA argument stands for: itself, or the table of the index it names. */
async function pragmaTable(session: EngineSession, shape: PragmaShape, object: string, schema: string | undefined): Promise<string | undefined> {
  if (shape !== 'index') return object;
  const rows = await session.query(
    `SELECT tbl_name FROM ${schema?.toLowerCase() === 'temp' ? 'sqlite_temp_schema' : 'sqlite_schema'} WHERE type = 'index' AND name = ?`,
    [object],
  );
  return rows[0] ? String(rows[0].tbl_name) : undefined;
}

/** What reading one catalog entry (a table or view of the main schema) opens. */
export function sqliteObjectReads(session: EngineSession, ref: TableRef): Promise<Reads> {
  return objectReads(session, ref.name, ref.schema && ref.schema !== 'main' ? ref.schema : undefined, tableLabel(ref));
}

async function pragmaReads(session: EngineSession, calls: readonly PragmaCall[]): Promise<Reads> {
  const reads: Reads = { relations: [], opaque: [] };
  for (const call of calls) {
    const shape = pragmaShape(call.pragma) as PragmaShape;
    const table = await pragmaTable(session, shape, call.object as string, call.schema);
    if (table === undefined) continue;
    const label = `pragma_${call.pragma}('${call.object}')`;
    reads.relations.push({
      schema: call.schema ?? 'main',
      name: table,
      class: isSystemTable(table) ? 'system' : 'table',
      via: shape === 'index' ? label : undefined,
    });
    const inner = await objectReads(session, table, call.schema, label);
    reads.relations.push(...inner.relations);
    reads.opaque.push(...inner.opaque);
  }
  return reads;
}

/** Functions and virtual tables from the deny list, as SQLite compiled the statement (views included). */
function checkSideEffects(program: SqliteProgram): void {
  const denied = [...program.functions, ...program.virtual].find((name) => isDeniedFunction('sqlite', name));
  if (denied) {
    refuseAs(
      'read',
      'function',
      `function ${denied}() has side effects (files, programs, extensions or raw pages) and is not allowed`,
      `Remove ${denied}() from the statement (or the view that calls it).`,
    );
  }
}

/**
 * SQLite reads, as SQLite will run them: the statement is compiled (EXPLAIN), and its bytecode says
 * whether it writes, which tables and indexes it opens (views and CTEs resolved), which virtual tables
 * and which functions it calls. Functions are checked against the deny list always; tables against the
 * policy when one is set.
 */
export async function admitSqliteRead(session: EngineSession, read: SqliteRead, policy: TablePolicy): Promise<void> {
  const active = policyIsActive(policy);
  if (read.pragma) {
    if (!active || read.pragma.shape === 'none') return;
    const { name, shape, argument, schema } = read.pragma;
    if (LISTS_TABLES.has(name) || argument === undefined) {
      refuseBy({
        rule: activeRule(policy),
        message: `PRAGMA ${name} names or scans tables that ${activeRule(policy)} may hide`,
        hint: 'Use db_list_tables and db_describe_table instead: they leave the tables the policy hides out.',
      });
    }
    const reads = await pragmaReads(session, [{ pragma: name, object: argument, schema }]);
    if (shape === 'index') for (const relation of reads.relations) relation.via ??= `PRAGMA ${name}(${argument})`;
    return enforceResolution(reads, policy);
  }
  const program = await session.program!(read.inspect as string);
  if (!program.readonly) {
    refuseAs('read', 'statement-kind', 'the statement writes to the database; this server is read-only', 'Use SELECT, WITH ... SELECT or VALUES.');
  }
  checkSideEffects(program);
  if (!active) return;
  const written = new Set(read.written);
  const relations = openedRelations(program).map((relation) => ({ ...relation, via: viaFor(written, relation.name) }));
  const virtual = virtualReads(program, read.pragmaCalls, undefined);
  const pragmas = await pragmaReads(session, virtual.pragmaObjects);
  enforceResolution(
    {
      relations: [...relations, ...virtual.relations, ...pragmas.relations],
      opaque: [...unresolved(program, undefined), ...virtual.opaque, ...pragmas.opaque],
    },
    policy,
  );
}
