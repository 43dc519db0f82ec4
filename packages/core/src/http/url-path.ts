import { InvalidInputError, PolicyError } from '../errors.js';

// A path segment that is `.` or `..`, written plainly or percent-encoded (%2e), which URL parsing would resolve away.
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * Refuses a URL whose path has `.` or `..` segments before anything resolves them: an argument such as
 * owner ".." would otherwise re-route a request (`/repos/../../user/issues`), writes included.
 */
export function assertNoDotSegments(rawUrl: string): void {
  const path = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  if (DOT_SEGMENT.test(path)) {
    throw new PolicyError('security.urlPath', `the request path ${JSON.stringify(path.slice(0, 200))} has a "." or ".." segment`, {
      hint: 'Names in the arguments cannot be "." or ".."; pass the real name.',
    });
  }
}

/** One value for one URL path segment: percent-encoded, and never empty, `.`, `..` or holding a `/`. */
export function pathSegment(value: string | number, name = 'value'): string {
  const text = String(value);
  if (text === '' || text === '.' || text === '..' || text.includes('/')) {
    throw new InvalidInputError(`${name} ${JSON.stringify(text)} cannot be used in a URL path`, {
      hint: `Pass the real ${name}: not empty, not "." or "..", without "/".`,
    });
  }
  return encodeURIComponent(text);
}

/**
 * Builds a URL path from a template, each value a checked, encoded segment:
 * urlPath`/api/0/organizations/${org}/issues/${id}/`.
 */
export function urlPath(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce((path, text, index) => path + text + (index < values.length ? pathSegment(values[index]!) : ''), '');
}
