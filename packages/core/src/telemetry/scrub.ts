import { homedir } from 'node:os';
import { redact, redactDeep } from '../redact.js';

const ARGUMENT = '[argument]';
/** Shorter values would mask innocent text everywhere ("7d", "25"). */
const MIN_LENGTH = 3;

/** The string and number values of a call's arguments, as they may appear in messages (plain and URL-encoded). */
export function argumentValues(args: unknown): string[] {
  const values = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const text = String(value);
      if (text.length < MIN_LENGTH) return;
      values.add(text);
      values.add(encodeURIComponent(text));
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(args);
  return [...values].sort((a, b) => b.length - a.length);
}

/** The names of the arguments given, without their values ("issue", "filters.state"). */
export function argumentNames(args: unknown, prefix = ''): string[] {
  if (!args || typeof args !== 'object' || Array.isArray(args)) return [];
  return Object.entries(args).flatMap(([key, value]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    return value && typeof value === 'object' && !Array.isArray(value) ? argumentNames(value, name) : [name];
  });
}

/**
 * What leaves for the telemetry endpoint: every string through core's redaction (token shapes and the
 * registered secrets), the values of the failed call's arguments masked wherever they appear, the home
 * directory of file paths replaced by ~, and what could name the machine or a person (server_name, user,
 * request, breadcrumbs) dropped.
 */
export function scrubEvent<T extends object>(event: T, values: readonly string[]): T {
  const home = homedir();
  const scrubText = (text: string): string => {
    let out = redact(text);
    for (const value of values) if (out.includes(value)) out = out.split(value).join(ARGUMENT);
    return home.length > 1 ? out.split(home).join('~') : out;
  };
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubText(value);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visit(item)]));
    return value;
  };
  const { server_name: _host, user: _user, request: _request, breadcrumbs: _breadcrumbs, ...rest } = event as Record<string, unknown>;
  return visit(redactDeep(rest)) as T;
}
