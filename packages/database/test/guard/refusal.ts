import { PolicyError } from '@toolbridge/core';
import { expect } from 'vitest';

/** Asserts that `check` is refused by `rule`, and that the refusal says how to fix it. */
export async function expectRefusal(check: Promise<unknown>, rule: string): Promise<PolicyError> {
  const error = await check.then(
    (result) => {
      throw new Error(`expected a refusal by ${rule}, got ${JSON.stringify(result)}`);
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PolicyError);
  const refusal = error as PolicyError;
  expect({ rule: refusal.rule, message: refusal.message }).toEqual({ rule, message: expect.stringContaining(`(refused by ${rule})`) });
  expect(refusal.hint).toMatch(/\w/);
  return refusal;
}
