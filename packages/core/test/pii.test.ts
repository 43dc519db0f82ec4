import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid, maskPii, maskPiiDeep } from '../src/pii.js';

describe('PII masking', () => {
  it('keeps the first letter and the domain of an e-mail address', () => {
    expect(maskPii('Reported by jane.doe+bugs@example.com and ops@mail.corp.io.')).toBe('Reported by j***@example.com and o***@mail.corp.io.');
  });

  it('masks card numbers that pass the Luhn check, keeping the last four digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(maskPii('card 4111 1111 1111 1111 charged')).toBe('card **** **** **** 1111 charged');
    expect(maskPii('amex 378282246310005')).toBe('amex ***********0005');
    expect(maskPii('card 5555-5555-5555-4444')).toBe('card ****-****-****-4444');
    // Same shape, failing the check: an order number stays.
    expect(maskPii('order 4111111111111112')).toBe('order 4111111111111112');
    // Passes Luhn, but no card network starts with 1 (a millisecond timestamp does).
    expect(luhnValid('1700000000004')).toBe(true);
    expect(maskPii('at 1700000000004')).toBe('at 1700000000004');
  });

  it('masks valid IBANs, keeping the country, check digits and last four', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(maskPii('pay to DE89 3704 0044 0532 0130 00 today')).toBe('pay to DE89 **** 3000 today');
    expect(maskPii('GB82WEST12345698765432')).toBe('GB82 **** 5432');
    expect(maskPii('GB00WEST12345698765432')).toBe('GB00WEST12345698765432');
  });

  it('masks phone numbers, keeping the last two digits, and leaves dates, versions, addresses and ids alone', () => {
    expect(maskPii('call +1 415-555-0132 or (020) 7946 0958')).toBe('call +* ***-***-**32 or (***) **** **58');
    expect(maskPii('mobile +447911123456')).toBe('mobile +**********56');
    const untouched = [
      'released 2024-03-15',
      'at 10.0.12.184 port 5432',
      'version 1.22.3333',
      'id 550e8400-e29b-41d4-a716-446655440000',
      'issue PROJ-1234',
      'took 1234 ms, 56 calls',
      'sha 4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      'timestamp 1700000000123',
    ];
    for (const text of untouched) expect(maskPii(text)).toBe(text);
  });

  it('masks every string in a structure, keys untouched', () => {
    expect(maskPiiDeep({ user: { email: 'ada@lovelace.dev', name: 'Ada' }, phones: ['+44 20 7946 0958'], count: 3 })).toEqual({
      user: { email: 'a***@lovelace.dev', name: 'Ada' },
      phones: ['+** ** **** **58'],
      count: 3,
    });
  });
});
