/**
 * Linear's filters (IssueFilter, TeamFilter, …) evaluated against plain views of the records: comparators
 * (eq, in, gt, containsIgnoreCase, null, …), nested filters on relations, `some`/`every` on collections,
 * and `and`/`or`. Generic, so any filter the schema allows is applied as Linear would, not ignored.
 */

const COMPARATORS = new Set([
  'eq',
  'neq',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'notContains',
  'containsIgnoreCase',
  'notContainsIgnoreCase',
  'containsIgnoreCaseAndAccent',
  'eqIgnoreCase',
  'neqIgnoreCase',
  'startsWith',
  'startsWithIgnoreCase',
  'notStartsWith',
  'endsWith',
  'notEndsWith',
  'null',
]);

type Filter = Record<string, unknown>;
const DURATION = /^(-)?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** A DateTimeOrDuration (ISO date, or an ISO 8601 duration like -P2W relative to now) in ms; other values as they are. */
function comparable(value: unknown, now: number): unknown {
  if (typeof value !== 'string') return value;
  const duration = DURATION.exec(value);
  if (duration && value.length > 1) {
    const [, minus, weeks, days, hours, minutes] = duration;
    const ms = ((Number(weeks ?? 0) * 7 + Number(days ?? 0)) * 24 + Number(hours ?? 0)) * 3_600_000 + Number(minutes ?? 0) * 60_000;
    return now + (minus ? -ms : ms);
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return Date.parse(value);
  return value;
}

function compare(op: string, expected: unknown, actual: unknown, now: number): boolean {
  if (op === 'null') return expected ? actual === null || actual === undefined : actual !== null && actual !== undefined;
  const want = Array.isArray(expected) ? expected.map((item) => comparable(item, now)) : comparable(expected, now);
  const have = actual;
  const text = String(have ?? '');
  const needle = String(expected ?? '');
  switch (op) {
    case 'eq':
      return have === want;
    case 'neq':
      return have !== want;
    case 'in':
      return (want as unknown[]).includes(have);
    case 'nin':
      return !(want as unknown[]).includes(have);
    case 'gt':
      return have !== null && have !== undefined && (have as number) > (want as number);
    case 'gte':
      return have !== null && have !== undefined && (have as number) >= (want as number);
    case 'lt':
      return have !== null && have !== undefined && (have as number) < (want as number);
    case 'lte':
      return have !== null && have !== undefined && (have as number) <= (want as number);
    case 'contains':
      return text.includes(needle);
    case 'notContains':
      return !text.includes(needle);
    case 'containsIgnoreCase':
    case 'containsIgnoreCaseAndAccent':
      return text.toLowerCase().includes(needle.toLowerCase());
    case 'notContainsIgnoreCase':
      return !text.toLowerCase().includes(needle.toLowerCase());
    case 'eqIgnoreCase':
      return have !== null && have !== undefined && text.toLowerCase() === needle.toLowerCase();
    case 'neqIgnoreCase':
      return text.toLowerCase() !== needle.toLowerCase();
    case 'startsWith':
      return text.startsWith(needle);
    case 'startsWithIgnoreCase':
      return text.toLowerCase().startsWith(needle.toLowerCase());
    case 'notStartsWith':
      return !text.startsWith(needle);
    case 'endsWith':
      return text.endsWith(needle);
    case 'notEndsWith':
      return !text.endsWith(needle);
    default:
      throw new Error(`the fake Linear does not know the comparator ${op}`);
  }
}

/** Whether `view` (a record with its relations as nested views, collections as arrays) passes `filter`. */
export function matchesFilter(filter: Filter | null | undefined, view: unknown, now: number): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, condition]) => {
    if (condition === null || condition === undefined) return true;
    if (key === 'and') return (condition as Filter[]).every((part) => matchesFilter(part, view, now));
    if (key === 'or') return (condition as Filter[]).some((part) => matchesFilter(part, view, now));
    if (COMPARATORS.has(key)) return compare(key, condition, view, now);
    const value = (view as Record<string, unknown> | null | undefined)?.[key];
    return matchesField(condition as Filter, value, now);
  });
}

function matchesField(condition: Filter, value: unknown, now: number): boolean {
  if (Array.isArray(value)) {
    return Object.entries(condition).every(([key, part]) => {
      if (part === null || part === undefined) return true;
      if (key === 'some') return value.some((item) => matchesFilter(part as Filter, item, now));
      if (key === 'every') return value.every((item) => matchesFilter(part as Filter, item, now));
      if (key === 'length') return matchesFilter(part as Filter, value.length, now);
      if (key === 'null') return (value.length === 0) === part;
      if (key === 'and') return (part as Filter[]).every((inner) => matchesField(inner, value, now));
      if (key === 'or') return (part as Filter[]).some((inner) => matchesField(inner, value, now));
      // A field filter straight on a collection means "some item".
      return value.some((item) => matchesFilter({ [key]: part }, item, now));
    });
  }
  if (value === null || value === undefined) {
    // An unset field passes comparators that accept absence (null: true, neq, nin); an unset relation only `null: true`.
    const comparator = Object.keys(condition).every((key) => COMPARATORS.has(key) || key === 'and' || key === 'or');
    return comparator ? matchesFilter(condition, value, now) : condition.null === true;
  }
  return matchesFilter(condition, value, now);
}
