import { closest, distance } from 'fastest-levenshtein';
import type * as z from 'zod';
import { ConfigError } from '../errors.js';

/** The closest of `candidates` to a misspelled `word`, when one is close enough to be what was meant. */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  if (!candidates.length) return undefined;
  const lower = word.toLowerCase();
  const exactCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const containing = candidates.find((candidate) => candidate.toLowerCase().includes(lower) || lower.includes(candidate.toLowerCase()));
  if (containing && lower.length >= 4) return containing;
  const found = closest(
    lower,
    candidates.map((candidate) => candidate.toLowerCase()),
  );
  const index = candidates.findIndex((candidate) => candidate.toLowerCase() === found);
  return distance(lower, found) <= Math.max(2, Math.floor(word.length / 3)) ? candidates[index] : undefined;
}

/** "did you mean x?" for a misspelled name, or the valid names when none is close. */
export function suggestion(word: string, candidates: readonly string[], kind = 'key'): string {
  const near = closestName(word, candidates);
  return near ? `Did you mean "${near}"?` : `Valid ${kind}s: ${candidates.join(', ') || '(none)'}.`;
}

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The object shape a (wrapped) zod schema validates, its element for arrays, or nothing to check. */
function unwrap(schema: z.ZodType): { shape?: Record<string, z.ZodType>; loose?: boolean; element?: z.ZodType } {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall as z.ZodType | undefined;
      const loose = catchall !== undefined && (catchall as unknown as { _zod: { def: { type: string } } })._zod.def.type !== 'never';
      return { shape: def.shape as Record<string, z.ZodType>, loose };
    }
    case 'default':
    case 'optional':
    case 'nullable':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return unwrap(def.innerType as z.ZodType);
    case 'pipe':
      return unwrap(def.in as z.ZodType);
    case 'array':
      return { element: def.element as z.ZodType };
    default:
      return {};
  }
}

/**
 * Every key of `value` that `schema` does not know, at any depth, with the closest valid key: a
 * misspelled key would otherwise leave the setting it meant silently off.
 */
export function unknownKeyProblems(value: unknown, schema: z.ZodType, path: string, extraKeys: readonly string[] = []): string[] {
  const { shape, loose, element } = unwrap(schema);
  if (element && Array.isArray(value)) return value.flatMap((item, index) => unknownKeyProblems(item, element, `${path}[${index}]`));
  if (!shape || !isPlain(value)) return [];
  const known = [...Object.keys(shape), ...extraKeys];
  const problems: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (shape[key]) problems.push(...unknownKeyProblems(item, shape[key], at));
    else if (!loose && !extraKeys.includes(key)) problems.push(`${at}: unknown key. ${suggestion(key, known)}`);
  }
  return problems;
}

export function throwProblems(problems: string[], hint: string): void {
  if (!problems.length) return;
  const [first, ...rest] = problems;
  throw new ConfigError('', `invalid configuration: ${first}${rest.length ? `; ${rest.slice(0, 4).join('; ')}` : ''}`, { hint });
}
