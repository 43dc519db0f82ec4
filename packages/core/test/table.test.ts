import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toJsonSchema } from '../src/server/schema-json.js';
import { records, tableOf, withoutEmpty } from '../src/table.js';

const issue = z.object({ number: z.number(), author: z.string().optional().describe('Login'), labels: z.array(z.string()) });
const issues = tableOf(issue);

describe('tableOf', () => {
  it('writes each key once and a missing field as a null cell, and reads the records back', () => {
    const list = [
      { number: 1, author: 'octocat', labels: ['bug'] },
      { number: 2, labels: [] },
    ];
    const table = issues.of(list);
    expect(table).toEqual({
      columns: ['number', 'author', 'labels'],
      rows: [
        [1, 'octocat', ['bug']],
        [2, null, []],
      ],
    });
    expect(issues.schema.parse(table)).toEqual(table);
    expect(records(issues.schema.parse(table))).toEqual(list);
  });

  it('leaves out a column null in every row, keeps a sparse one, and reads the records back alike', () => {
    const list = [
      { number: 1, labels: ['bug'] },
      { number: 2, labels: [] },
    ];
    const table = issues.of(list);
    expect(table).toEqual({
      columns: ['number', 'labels'],
      rows: [
        [1, ['bug']],
        [2, []],
      ],
    });
    expect(issues.schema.parse(table)).toEqual(table);
    expect(records(issues.schema.parse(table))).toEqual(list);
    expect(
      issues.of([
        { number: 1, labels: [] },
        { number: 2, author: undefined, labels: [] },
        { number: 3, author: 'ada', labels: [] },
      ]).columns,
    ).toEqual(['number', 'author', 'labels']);
    // An empty array is a value, not a null: its column stays.
    expect(issues.of([{ number: 1, labels: [] }]).columns).toEqual(['number', 'labels']);
  });

  it('has no columns for no records', () => {
    expect(issues.of([])).toEqual({ columns: [], rows: [] });
    expect(issues.schema.parse({ columns: [], rows: [] })).toEqual({ columns: [], rows: [] });
  });

  it('refuses a cell of the wrong type, with the path of the cell', () => {
    const checked = issues.schema.safeParse({
      columns: ['number', 'labels'],
      rows: [
        [1, []],
        [2, ['x']],
        [3, [7]],
      ],
    });
    expect(checked.error?.issues).toMatchObject([{ code: 'invalid_type', path: ['rows', 2, 1, 0] }]);
    // A cell is checked against the schema of the column `columns` names at its index, not of the declared position.
    expect(issues.schema.safeParse({ columns: ['number', 'labels'], rows: [[1, 'octocat']] }).error?.issues).toMatchObject([{ path: ['rows', 0, 1] }]);
    expect(issues.schema.safeParse({ columns: ['number', 'author', 'labels'], rows: [['1', null, []]] }).error?.issues).toMatchObject([
      { path: ['rows', 0, 0] },
    ]);
  });

  it('refuses a wrong cell inside a tool output too, the way core checks a tool result', () => {
    const output = z.object({ issues: issues.schema });
    const checked = output.safeParse({
      issues: {
        columns: ['number', 'author'],
        rows: [
          [1, 'ada'],
          [2, 3],
        ],
      },
    });
    expect(checked.error?.issues).toMatchObject([{ code: 'invalid_type', path: ['issues', 'rows', 1, 1] }]);
  });

  it('refuses a row whose length is not the number of columns', () => {
    const checked = issues.schema.safeParse({
      columns: ['number', 'author', 'labels'],
      rows: [
        [1, null, []],
        [1, null],
      ],
    });
    expect(checked.error?.issues).toMatchObject([{ code: 'custom', path: ['rows', 1], message: '2 cells for 3 columns' }]);
    expect(issues.schema.safeParse({ columns: ['number'], rows: [[1, 'extra']] }).success).toBe(false);
  });

  it('refuses columns that are not declared, repeated or out of the declared order', () => {
    expect(issues.schema.safeParse({ columns: ['number', 'title'], rows: [] }).error?.issues).toMatchObject([{ path: ['columns', 1] }]);
    expect(issues.schema.safeParse({ columns: ['number', 'number'], rows: [[1, 1]] }).error?.issues).toMatchObject([
      { path: ['columns', 1], message: 'column "number" appears twice' },
    ]);
    expect(issues.schema.safeParse({ columns: ['labels', 'number'], rows: [[[], 1]] }).error?.issues).toMatchObject([{ path: ['columns', 1] }]);
  });

  it('gives a parsed cell as the output, as a record field would be', () => {
    const withSteps = tableOf(z.object({ steps: z.array(z.object({ n: z.number() })) }));
    const table = { columns: ['steps'], rows: [[[{ n: 1, extra: true }]]] };
    expect(withSteps.schema.parse(table)).toEqual({ columns: ['steps'], rows: [[[{ n: 1 }]]] });
    expect(table.rows[0]?.[0]).toEqual([{ n: 1, extra: true }]);
  });

  it("describes the columns and the rows in the output schema, with the fields' descriptions", () => {
    const schema = toJsonSchema(z.object({ issues: issues.schema }), 'output') as {
      properties: { issues: { properties: { columns: unknown; rows: unknown } } };
    };
    expect(schema.properties.issues.properties).toEqual({
      columns: { type: 'array', items: { type: 'string', enum: ['number', 'author', 'labels'] }, description: 'author: Login' },
      rows: { type: 'array', items: { type: 'array', items: {} }, description: 'Cells in the order of `columns`; a column null in every row is left out' },
    });
  });
});

describe('withoutEmpty', () => {
  it('leaves out null, undefined, [] and {} and keeps "", 0, false and what has content', () => {
    expect(withoutEmpty({ a: null, b: undefined, c: '', d: [], e: {}, f: 0, g: false, h: ['x'], i: { j: 1 }, k: 'text' })).toEqual({
      c: '',
      f: 0,
      g: false,
      h: ['x'],
      i: { j: 1 },
      k: 'text',
    });
  });
});

describe('a table schema read by a draft-07 validator (the MCP SDK client)', () => {
  it('accepts tables of every declared column, of some of them, and of none', async () => {
    const { Ajv } = await import('ajv');
    const schema = toJsonSchema(z.object({ issues: issues.schema }), 'output');
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ issues: issues.of([{ number: 1, author: 'octocat', labels: ['bug'] }]) })).toBe(true);
    expect(validate({ issues: issues.of([{ number: 1, labels: ['bug'] }]) })).toBe(true);
    expect(validate({ issues: issues.of([]) })).toBe(true);
    expect(validate({ issues: { columns: ['title'], rows: [] } })).toBe(false);
  });
});
