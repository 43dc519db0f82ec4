import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toJsonSchema } from '../src/server/schema-json.js';
import { records, tableOf } from '../src/table.js';

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

  it('names every cell in the output schema', () => {
    const schema = toJsonSchema(z.object({ issues: issues.schema }), 'output') as {
      properties: { issues: { properties: { rows: { items: { prefixItems: Array<{ description: string }> } } } } };
    };
    expect(schema.properties.issues.properties.rows.items.prefixItems.map((cell) => cell.description)).toEqual(['number', 'author: Login', 'labels']);
  });
});
