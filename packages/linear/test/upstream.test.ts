import { describe, expect, it } from 'vitest';
import { kindOfError, linearUpstream, rateLimitWaitMs } from '../src/upstream.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  url: new URL('https://api.linear.app/graphql'),
  status,
  headers: new Headers(headers),
  text: () => JSON.stringify(body),
  json: () => body,
});

describe("Linear's answers", () => {
  it('reads the kind of an error from its code, its type (either spelling) or its message', () => {
    expect(kindOfError({ extensions: { code: 'RATELIMITED' } }, 400)).toBe('rate_limited');
    expect(kindOfError({ extensions: { type: 'authentication_error' } }, 200)).toBe('auth');
    expect(kindOfError({ extensions: { type: 'Forbidden' } }, 200)).toBe('forbidden');
    expect(kindOfError({ message: 'Entity not found: Issue', extensions: { code: 'INPUT_ERROR' } }, 200)).toBe('not_found');
    expect(kindOfError({ message: 'something odd' }, 500)).toBe('unavailable');
  });

  it('waits until the budget that ran out resets, or as Retry-After says', () => {
    const now = 1_000_000;
    const headers = new Headers({
      'x-ratelimit-requests-remaining': '10',
      'x-ratelimit-requests-reset': String(now + 60_000),
      'x-ratelimit-complexity-remaining': '0',
      'x-ratelimit-complexity-reset': String(now + 5_000),
    });
    expect(rateLimitWaitMs(headers, now)).toBe(5_000);
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(rateLimitWaitMs(new Headers(), now)).toBeUndefined();
  });

  it("classifies GraphQL errors inside a 200 with Linear's own words, and leaves clean answers alone", () => {
    expect(linearUpstream.classify?.(answer(200, { data: { viewer: { id: '1' } } }))).toBeUndefined();
    expect(
      linearUpstream.classify?.(
        answer(200, {
          data: null,
          errors: [{ message: 'Entity not found: Issue', extensions: { code: 'INPUT_ERROR', userPresentableMessage: 'Could not find referenced Issue.' } }],
        }),
      ),
    ).toMatchObject({ kind: 'not_found', message: 'Could not find referenced Issue', code: 'INPUT_ERROR' });
    expect(linearUpstream.classify?.(answer(429, {}, { 'retry-after': '2' }))).toMatchObject({ kind: 'rate_limited', waitMs: 2_000 });
  });
});
