import { describe, expect, it } from 'vitest';
import { describeCuts, fitToBudget } from '../src/budget.js';

describe('output budget', () => {
  it('leaves small values untouched', () => {
    const value = { a: [1, 2, 3], b: 'short' };
    expect(fitToBudget(value, 1000)).toEqual({ value, cuts: [], json: JSON.stringify(value) });
  });

  it('cuts long lists and reports how many items were kept', () => {
    const value = { items: Array.from({ length: 1000 }, (_, id) => ({ id, text: 'some text here' })) };
    const { value: fitted, cuts, json } = fitToBudget(value, 2000);
    expect(json).toBe(JSON.stringify(fitted));
    expect(json.length).toBeLessThanOrEqual(2000);
    expect(cuts).toEqual([{ path: 'items', kind: 'list', kept: fitted.items.length, total: 1000 }]);
    expect(describeCuts(cuts)).toMatch(/items: \d+ of 1000 items shown.*Ask for less/);
  });

  it('cuts long text with a marker saying how much is missing', () => {
    const { value, cuts } = fitToBudget({ body: 'x'.repeat(10_000) }, 1_500);
    expect(JSON.stringify(value).length).toBeLessThanOrEqual(1_500);
    expect(value.body).toMatch(/…\[cut: \d+ of 10000 characters not shown\]$/);
    expect(cuts[0]).toMatchObject({ path: 'body', kind: 'text', total: 10_000 });
  });

  it('does not modify the original value', () => {
    const value = { items: Array.from({ length: 100 }, () => 'y'.repeat(50)) };
    fitToBudget(value, 500);
    expect(value.items).toHaveLength(100);
  });
});
