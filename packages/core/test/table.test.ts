import { describe, expect, it } from 'vitest';
import { z } from 'zod';
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

  it('refuses a row whose cells do not match the columns', () => {
    expect(issues.schema.safeParse({ columns: ['number', 'author', 'labels'], rows: [['1', null, []]] }).success).toBe(false);
    expect(issues.schema.safeParse({ columns: ['number', 'author', 'labels'], rows: [[1, null]] }).success).toBe(false);
  });

  it('names every cell in the output schema, in order', () => {
    const schema = toJsonSchema(z.object({ issues: issues.schema }), 'output') as {
      properties: { issues: { properties: { rows: { description: string; items: { prefixItems: Array<{ description?: string; type: unknown }> } } } } };
    };
    const rows = schema.properties.issues.properties.rows;
    expect(rows.description).toBe('Cells in column order: number, author, labels');
    expect(rows.items.prefixItems).toMatchObject([{ type: 'number' }, { type: ['string', 'null'], description: 'author: Login' }, { type: 'array' }]);
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
  it('accepts the rows, since nothing in it refuses cells that prefixItems describes', async () => {
    const { Ajv } = await import('ajv');
    const schema = toJsonSchema(z.object({ issues: issues.schema }), 'output');
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate({ issues: issues.of([{ number: 1, author: 'octocat', labels: ['bug'] }]) })).toBe(true);
  });
});
