import { PolicyError } from '@toolbridge/core';
import { ALLOWED_RULE, DENIED_RULE } from '../policy/tables.js';

/** Read checks (db_query, db_explain) and write checks (db_execute) share detectors; rule ids differ by prefix. */
export type Mode = 'read' | 'write';

const CHECKS = [
  'parse',
  'single-statement',
  'statement-kind',
  'function',
  'executable-comment',
  'ambiguous-syntax',
  'locking',
  'cte-write',
  'into',
  'explain-analyze',
  'session-state',
  'pragma',
  'size',
] as const;

export type Check = (typeof CHECKS)[number];

/** e.g. ('read', 'function') -> "read-only.function", ('write', 'function') -> "write.function". */
export function ruleId(mode: Mode, check: Check): string {
  return `${mode === 'read' ? 'read-only' : 'write'}.${check}`;
}

/** Every rule id a refusal can name. */
export const RULE_IDS: readonly string[] = [
  ...CHECKS.map((check) => ruleId('read', check)),
  ...CHECKS.filter((check) => !['cte-write', 'explain-analyze'].includes(check)).map((check) => ruleId('write', check)),
  DENIED_RULE,
  ALLOWED_RULE,
];

export function refuse(rule: string, message: string, hint: string): never {
  throw new PolicyError(rule, message, { hint });
}

/** Refuses under the rule `check` of `mode`. */
export function refuseAs(mode: Mode, check: Check, message: string, hint: string): never {
  return refuse(ruleId(mode, check), message, hint);
}
