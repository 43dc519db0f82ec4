import type { SeedIssue, SentryState } from './state.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "24h" -> milliseconds; undefined when it is not Sentry's period form. */
export function periodMs(period: string | null): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(period ?? '');
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

/** Search terms: `key:value`, `key:"quoted value"`, or free text. */
function terms(query: string): Array<{ key?: string; value: string }> {
  return [...query.matchAll(/(?:([\w.]+):)?(?:"((?:[^"\\]|\\.)*)"|(\S+))/g)].map((match) => ({
    ...(match[1] ? { key: match[1] } : {}),
    value: (match[2] ?? match[3] ?? '').replace(/\\"/g, '"'),
  }));
}

/** A small part of Sentry's issue search: status, level, first seen, first release, tags, and free text. */
export function matchesQuery(issue: SeedIssue, query: string, now: number, shortIdLookup: boolean): boolean {
  return terms(query).every(({ key, value }) => {
    switch (key) {
      case undefined:
        return (
          (shortIdLookup && issue.shortId.toLowerCase() === value.toLowerCase()) ||
          issue.title.toLowerCase().includes(value.toLowerCase()) ||
          issue.culprit.toLowerCase().includes(value.toLowerCase())
        );
      case 'is':
        return issue.status === value;
      case 'level':
        return issue.level === value;
      case 'firstSeen': {
        const within = periodMs(value.replace(/^-/, ''));
        return within !== undefined && Date.parse(issue.firstSeen) >= now - within;
      }
      case 'firstRelease':
        return issue.firstRelease === value;
      case 'issue.category':
        return value === 'error';
      default:
        return issue.events[0]?.tags[key] === value;
    }
  });
}

const SORTS: Record<string, (issue: SeedIssue) => number> = {
  date: (issue) => Date.parse(issue.lastSeen),
  new: (issue) => Date.parse(issue.firstSeen),
  freq: (issue) => issue.count,
  user: (issue) => issue.userCount,
};

export function searchIssues(
  state: SentryState,
  options: { query: string; projectIds: string[]; periodMs: number | undefined; sort: string; now: number; shortIdLookup: boolean },
): SeedIssue[] {
  const slugs = new Set(
    state.projects.filter((project) => options.projectIds.includes(project.id) || options.projectIds.includes(project.slug)).map((project) => project.slug),
  );
  const key = SORTS[options.sort] ?? SORTS.date!;
  return state.issues
    .filter((issue) => !options.projectIds.length || options.projectIds.includes('-1') || slugs.has(issue.project))
    .filter((issue) => options.periodMs === undefined || Date.parse(issue.lastSeen) >= options.now - options.periodMs)
    .filter((issue) => matchesQuery(issue, options.query, options.now, options.shortIdLookup))
    .sort((a, b) => key(b) - key(a));
}
