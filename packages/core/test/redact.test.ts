import { afterEach, describe, expect, it } from 'vitest';
import { clearRegisteredSecrets, redact, redactDeep, registerSecret } from '../src/redact.js';

afterEach(() => clearRegisteredSecrets());

describe('redact', () => {
  it.each([
    ['ghp_16C7e42F292c6912E7710c838347Ae178B4a', 'ghp_[REDACTED]'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'github_pat_[REDACTED]'],
    ['gho_16C7e42F292c6912E7710c838347Ae178B4a', 'gho_[REDACTED]'],
    ['xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp', 'xoxb-[REDACTED]'],
    ['xoxp-123456789012-1234567890123-AbCdEfGhIjKlMnOp', 'xoxp-[REDACTED]'],
    ['xapp-1-A0123456789-1234567890123-abcdef0123456789', 'xapp-[REDACTED]'],
    ['lin_api_0123456789abcdefABCDEF0123456789', 'lin_api_[REDACTED]'],
    ['sntrys_eyJpYXQiOjE2OTQwMDAwMDAuMCwidXJsIjoiaHR0cHM6', 'sntrys_[REDACTED]'],
    ['Authorization: Bearer abc.def.ghi-123456', 'Authorization: Bearer [REDACTED]'],
    ['postgres://app:s3cr3t@db.internal:5432/prod', 'postgres://app:[REDACTED]@db.internal:5432/prod'],
    ['host=db password=hunter22 user=app', 'host=db password=[REDACTED] user=app'],
  ])('masks %s', (input, expected) => {
    expect(redact(`before ${input} after`)).toBe(`before ${expected} after`);
  });

  it('masks the exact values of registered secrets, also URL-encoded', () => {
    registerSecret('p@ss word!');
    expect(redact('it was p@ss word! and p%40ss%20word!')).toBe('it was [REDACTED] and [REDACTED]');
  });

  it('leaves ordinary text alone', () => {
    const text = 'issue #12: the github token docs say ghp_ prefixes exist; see https://github.com/a/b';
    expect(redact(text)).toBe(text);
  });

  it('redacts nested values and secret-named keys', () => {
    expect(redactDeep({ a: ['ghp_16C7e42F292c6912E7710c838347Ae178B4a'], password: 'x1', n: 3 })).toEqual({
      a: ['ghp_[REDACTED]'],
      password: '[REDACTED]',
      n: 3,
    });
  });
});
