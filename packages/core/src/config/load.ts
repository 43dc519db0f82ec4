import { readFileSync } from 'node:fs';
import type * as z from 'zod';
import { ConfigError } from '../errors.js';
import { expandEnv } from './expand.js';
import { suggestion, throwProblems, unknownKeyProblems } from './keys.js';
import { deletePath, getPath, mergeLayers, setPath } from './merge.js';
import { type CoreConfig, coreConfigSchema, SERVER_SECTIONS } from './schema.js';

export type EnvValueKind = 'string' | 'number' | 'boolean' | 'list';

/** Maps an environment variable onto a config key path, e.g. GITHUB_TOOLSETS -> github.toolsets. */
export interface EnvBinding {
  path: string;
  kind: EnvValueKind;
}

export interface LoadConfigOptions<S extends z.ZodType> {
  /** Path of the JSON config file, if any. */
  file?: string | undefined;
  env: NodeJS.ProcessEnv;
  envBindings: Record<string, EnvBinding>;
  /** Values from command-line flags, already keyed by config path. */
  flagValues: Record<string, unknown>;
  /** The server's own section of the config file (e.g. "github") and its schema. */
  sectionKey: string;
  sectionSchema: S;
  /** Keys that moved (old path -> new path): read from the old place with a warning. */
  moved?: Record<string, string>;
  warn?: (message: string) => void;
}

/**
 * TOOLBRIDGE_* variables read outside the config bindings (by core, the CLI or the tests): any other
 * TOOLBRIDGE_* variable is a misspelling and stops the server.
 */
const OTHER_TOOLBRIDGE_ENV = [
  'TOOLBRIDGE_CONFIG',
  'TOOLBRIDGE_CACHE_DIR',
  // Where the bin's loader keeps V8's code cache (default: v8/ in the cache directory).
  'TOOLBRIDGE_CODE_CACHE_DIR',
  'TOOLBRIDGE_TELEMETRY_DSN',
  'TOOLBRIDGE_API_SPECS',
  // Where `toolbridge login` keeps credentials, and the OAuth apps it uses.
  'TOOLBRIDGE_CONFIG_DIR',
  'TOOLBRIDGE_CREDENTIAL_STORE',
  'TOOLBRIDGE_GITHUB_CLIENT_ID',
  'TOOLBRIDGE_LINEAR_CLIENT_ID',
  'TOOLBRIDGE_GITHUB_OAUTH_URL',
  'TOOLBRIDGE_LINEAR_OAUTH_URL',
];
const TEST_ENV = /^TOOLBRIDGE_TEST_/;

export interface LoadedConfig<S> {
  core: CoreConfig;
  section: S;
  /** Where the config file was read from, if any. */
  file: string | undefined;
}

export function loadConfig<S extends z.ZodType>(options: LoadConfigOptions<S>): LoadedConfig<z.output<S>> {
  const fromFile = options.file ? readConfigFile(options.file, options.env) : {};
  checkToolbridgeEnv(options.env, options.envBindings);
  const fromEnv: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(options.envBindings)) {
    const raw = options.env[name];
    if (raw === undefined || raw === '') continue;
    setPath(fromEnv, binding.path, parseEnvValue(name, raw, binding.kind));
  }
  const fromFlags: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(options.flagValues)) {
    if (value !== undefined) setPath(fromFlags, path, value);
  }
  const merged = applyMoves(mergeLayers(fromFile, fromEnv, fromFlags), options.moved ?? {}, options.warn);
  throwProblems(
    [
      ...unknownKeyProblems(merged, coreConfigSchema, '', [...new Set([...SERVER_SECTIONS, options.sectionKey])]),
      ...unknownKeyProblems(merged[options.sectionKey] ?? {}, options.sectionSchema, options.sectionKey),
    ],
    'Fix the key in the config file, environment or flags named above.',
  );
  const core = parseOrThrow(coreConfigSchema, merged, '');
  const section = parseOrThrow(options.sectionSchema, merged[options.sectionKey] ?? {}, options.sectionKey);
  return { core, section, file: options.file };
}

/** Old keys still work, moved to where they belong now, with a warning naming the new key. */
function applyMoves(config: Record<string, unknown>, moved: Record<string, string>, warn: ((message: string) => void) | undefined): Record<string, unknown> {
  for (const [from, to] of Object.entries(moved)) {
    const value = getPath(config, from);
    if (value === undefined) continue;
    warn?.(`config key ${from} is deprecated: write ${to} instead (read as ${to} this time)`);
    if (getPath(config, to) === undefined) setPath(config, to, value);
    deletePath(config, from);
  }
  return config;
}

function checkToolbridgeEnv(env: NodeJS.ProcessEnv, bindings: Record<string, EnvBinding>): void {
  const known = [...Object.keys(bindings).filter((name) => name.startsWith('TOOLBRIDGE_')), ...OTHER_TOOLBRIDGE_ENV];
  const unknown = Object.keys(env).filter((name) => name.startsWith('TOOLBRIDGE_') && !TEST_ENV.test(name) && !known.includes(name));
  throwProblems(
    unknown.map((name) => `${name}: unknown environment variable. ${suggestion(name, known, 'variable')}`),
    'Rename or unset the variable.',
  );
}

function readConfigFile(file: string, env: NodeJS.ProcessEnv): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('', `cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      hint: 'Check the path given to --config (or TOOLBRIDGE_CONFIG).',
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError('', `config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError('', `config file ${file} must hold a JSON object`);
  }
  return expandEnv(parsed, env) as Record<string, unknown>;
}

function parseEnvValue(name: string, raw: string, kind: EnvValueKind): unknown {
  switch (kind) {
    case 'string':
      return raw;
    case 'list': {
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      if (!items.length) throw new ConfigError(name, `names nothing (${JSON.stringify(raw)})`, { hint: `Unset ${name}, or list names separated by commas.` });
      return items;
    }
    case 'number': {
      if (!/^\s*-?\d+(\.\d+)?\s*$/.test(raw)) throw new ConfigError(name, `expected a decimal number, got ${JSON.stringify(raw)}`);
      return Number(raw);
    }
    case 'boolean': {
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new ConfigError(name, `expected true or false, got ${JSON.stringify(raw)}`);
    }
  }
}

/**
 * Validates with zod; the first problems become one ConfigError naming each key path and the expected form.
 * Without zod's JIT: configuration is parsed once per start, and compiling a fast path for each object
 * schema (new Function) costs more than it saves there.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const result = schema.safeParse(value, { jitless: true });
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 5).map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    return `${path || '(root)'}: ${describeIssue(issue)}`;
  });
  const [first, ...rest] = problems;
  throw new ConfigError('', `invalid configuration: ${first}${rest.length ? `; ${rest.join('; ')}` : ''}`, {
    hint: 'Fix the value in the config file, environment or flags named above.',
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'values' in issue) {
    return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return issue.message.replace(/^Invalid input: /, '');
}
