import { PolicyError } from '@toolbridge/core';

/** Rule ids named in every refusal, so a refused caller knows which defence fired. */
export const RULES = {
  parse: 'read-only.parse',
  singleStatement: 'read-only.single-statement',
  statementKind: 'read-only.statement-kind',
  function: 'read-only.function',
  executableComment: 'read-only.executable-comment',
  ambiguousSyntax: 'read-only.ambiguous-syntax',
  locking: 'read-only.locking',
  cteWrite: 'read-only.cte-write',
  into: 'read-only.into',
  explainAnalyze: 'read-only.explain-analyze',
  sessionState: 'read-only.session-state',
  pragma: 'read-only.pragma',
  deniedTables: 'security.deniedTables',
  allowedTables: 'security.allowedTables',
  writeParse: 'write.parse',
  writeSingleStatement: 'write.single-statement',
  writeStatementKind: 'write.statement-kind',
  writeFunction: 'write.function',
} as const;

export type RuleId = (typeof RULES)[keyof typeof RULES];

export function refuse(rule: RuleId, message: string, hint: string): never {
  throw new PolicyError(rule, message, { hint });
}

/** Read and write checks share the detectors; only the rule prefix differs. */
export type Mode = 'read' | 'write';

export function ruleFor(mode: Mode, readRule: RuleId, writeRule: RuleId): RuleId {
  return mode === 'read' ? readRule : writeRule;
}
