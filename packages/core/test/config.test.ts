import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { loadConfig } from '../src/config/load.js';
import { parseSize } from '../src/config/size.js';

const dir = mkdtempSync(join(tmpdir(), 'toolbridge-config-'));
const writeConfig = (value: unknown) => {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const section = z.object({ baseUrl: z.string().url().optional(), pageSize: z.number().int().default(20) });
const warnings: string[] = [];
const load = (file: string | undefined, env: NodeJS.ProcessEnv = {}, flagValues: Record<string, unknown> = {}) =>
  loadConfig({
    file,
    env,
    envBindings: {
      TOOLBRIDGE_LOG_LEVEL: { path: 'globalSettings.logLevel', kind: 'string' },
      TOOLBRIDGE_CACHE_TTL: { path: 'globalSettings.cacheTTL', kind: 'number' },
      DEMO_PAGE_SIZE: { path: 'demo.pageSize', kind: 'number' },
      DEMO_TOOLS: { path: 'selection.tools', kind: 'list' },
    },
    flagValues,
    sectionKey: 'demo',
    sectionSchema: section,
    moved: { 'security.pageSize': 'demo.pageSize' },
    warn: (message) => warnings.push(message),
  });

describe('layered configuration', () => {
  it('has safe defaults without a file', () => {
    const { core, section: own } = load(undefined);
    expect(core.globalSettings).toMatchObject({ retryAttempts: 3, cacheEnabled: true, logLevel: 'info', connectionTimeout: 30_000 });
    expect(core.security).toMatchObject({ enableSandbox: true, maxRequestSize: 10 * 1024 * 1024, blockedDomains: [] });
    expect(own.pageSize).toBe(20);
  });

  it('reads the seed shape and layers defaults < file < environment < flags', () => {
    const file = writeConfig({
      globalSettings: { maxConcurrentConnections: 4, connectionTimeout: 5000, retryAttempts: 1, logLevel: 'warning', cacheEnabled: false, cacheTTL: 30 },
      security: {
        enableSandbox: true,
        allowedDomains: ['api.github.com', '*.sentry.io'],
        blockedDomains: [],
        maxRequestSize: '2MB',
        rateLimit: { requests: 10, window: 1000 },
      },
      demo: { pageSize: 5 },
    });
    const fromFile = load(file);
    expect(fromFile.core.globalSettings).toMatchObject({ maxConcurrentConnections: 4, logLevel: 'warning', cacheTTL: 30 });
    expect(fromFile.core.security).toMatchObject({
      maxRequestSize: 2 * 1024 * 1024,
      allowedDomains: ['api.github.com', '*.sentry.io'],
      rateLimit: { requests: 10, window: 1000 },
    });
    expect(fromFile.section.pageSize).toBe(5);
    const fromEnv = load(file, { TOOLBRIDGE_LOG_LEVEL: 'debug', DEMO_PAGE_SIZE: '7' });
    expect(fromEnv.core.globalSettings.logLevel).toBe('debug');
    expect(fromEnv.section.pageSize).toBe(7);
    const fromFlags = load(file, { TOOLBRIDGE_LOG_LEVEL: 'debug' }, { 'globalSettings.logLevel': 'error' });
    expect(fromFlags.core.globalSettings.logLevel).toBe('error');
    expect(fromFlags.core.globalSettings.maxConcurrentConnections).toBe(4);
  });

  it('expands ${VAR} and ${VAR:-default} from the environment', () => {
    const file = writeConfig({ demo: { baseUrl: '${DEMO_HOST:-https://fallback.example}/api' }, audit: { file: '${AUDIT_DIR}/audit.jsonl' } });
    const { core, section: own } = load(file, { AUDIT_DIR: '/var/log/tb' });
    expect(own.baseUrl).toBe('https://fallback.example/api');
    expect(core.audit.file).toBe('/var/log/tb/audit.jsonl');
    expect(() => load(file, {})).toThrow(/audit\.file: refers to \$\{AUDIT_DIR\}, which is not set/);
  });

  it('fails on a bad value with its key path and the expected form', () => {
    expect(() => load(writeConfig({ globalSettings: { retryAttempts: 'three' } }))).toThrow(/globalSettings\.retryAttempts: expected number, received string/);
    expect(() => load(writeConfig({ security: { maxRequestSize: 'huge' } }))).toThrow(/security\.maxRequestSize: expected a size like "10MB"/);
    expect(() => load(writeConfig({ globalSettings: { logLevel: 'loud' } }))).toThrow(/globalSettings\.logLevel: expected one of "debug", "info"/);
    expect(() => load(writeConfig({ security: { allowedDomains: ['https://api.github.com/'] } }))).toThrow(/security\.allowedDomains\.0: expected a host name/);
    expect(() => load(writeConfig({ demo: { pageSize: 1.5 } }))).toThrow(/demo\.pageSize/);
    expect(() => load(undefined, { DEMO_PAGE_SIZE: 'many' })).toThrow(/DEMO_PAGE_SIZE: expected a decimal number/);
    expect(() => load(writeConfig('{ not json'))).toThrow(/is not valid JSON/);
    expect(() => load(join(dir, 'missing.json'))).toThrow(/cannot read config file .*ENOENT/);
  });

  it('parses sizes', () => {
    expect(parseSize('10MB')).toBe(10 * 1024 * 1024);
    expect(parseSize('512kb')).toBe(512 * 1024);
    expect(parseSize('1.5 GB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize(2048)).toBe(2048);
    expect(parseSize('lots')).toBeUndefined();
  });

  describe('a misspelled key is an error naming the closest valid key, in every section', () => {
    it.each([
      [{ securty: { enableSandbox: false } }, /securty: unknown key\. Did you mean "security"\?/],
      [{ security: { denied_tables: ['orders'] } }, /security\.denied_tables: unknown key\. Did you mean "deniedTables"\?/],
      [{ security: { deniedtables: ['orders'] } }, /security\.deniedtables: unknown key\. Did you mean "deniedTables"\?/],
      [{ selection: { readonly: true } }, /selection\.readonly: unknown key\. Did you mean "readOnly"\?/],
      [{ audit: { fille: 'x.jsonl' } }, /audit\.fille: unknown key\. Did you mean "file"\?/],
      [{ globalSettings: { maxOutputChar: 10_000 } }, /globalSettings\.maxOutputChar: unknown key\. Did you mean "maxOutputChars"\?/],
      [{ globalSettings: { circuitBreaker: { threshold: 2 } } }, /globalSettings\.circuitBreaker\.threshold: unknown key\. Did you mean "failureThreshold"\?/],
      [{ demo: { pagesize: 5 } }, /demo\.pagesize: unknown key\. Did you mean "pageSize"\?/],
      [{ '${HOME}': {} }, /a key name cannot hold a \$\{\.\.\.\} reference/],
    ])('%j', (config, message) => {
      expect(() => load(writeConfig(config))).toThrow(message);
    });

    it("leaves other servers' sections of a shared file to them", () => {
      expect(load(writeConfig({ github: { lockdown: true }, database: { dsn: 'sqlite::memory:' }, demo: { pageSize: 3 } })).section.pageSize).toBe(3);
    });

    it('refuses unknown TOOLBRIDGE_* variables, suggesting the one meant', () => {
      expect(() => load(undefined, { TOOLBRIDGE_LOG_LEVL: 'debug' })).toThrow(
        /TOOLBRIDGE_LOG_LEVL: unknown environment variable\. Did you mean "TOOLBRIDGE_LOG_LEVEL"\?/,
      );
      expect(load(undefined, { TOOLBRIDGE_TEST_POSTGRES_URL: 'postgres://x', TOOLBRIDGE_CONFIG: '' }).core.globalSettings.logLevel).toBe('info');
    });
  });

  it('reads a moved key from its old place, with a warning', () => {
    warnings.length = 0;
    expect(load(writeConfig({ security: { pageSize: 9 } })).section.pageSize).toBe(9);
    expect(warnings).toEqual([expect.stringMatching(/security\.pageSize is deprecated: write demo\.pageSize instead/)]);
  });

  it('refuses values that would silently turn a setting off', () => {
    expect(() => load(undefined, { TOOLBRIDGE_CACHE_TTL: ' ' })).toThrow(/TOOLBRIDGE_CACHE_TTL: expected a decimal number, got " "/);
    expect(() => load(undefined, { DEMO_PAGE_SIZE: '0x10' })).toThrow(/DEMO_PAGE_SIZE: expected a decimal number, got "0x10"/);
    expect(() => load(undefined, { DEMO_TOOLS: ',' })).toThrow(/DEMO_TOOLS: names nothing/);
    expect(() => load(undefined, {}, { 'selection.tools': [] })).toThrow(/selection\.tools: names no tool/);
    expect(() => load(undefined, {}, { 'selection.toolsets': [] })).toThrow(/selection\.toolsets: names no toolset/);
    expect(() => load(writeConfig({ security: { maxResponseSize: 0 } }))).toThrow(/security\.maxResponseSize: expected a size/);
    expect(() => load(writeConfig({ demo: { baseUrl: '${DEMO_HOST' } }))).toThrow(/demo\.baseUrl: has an unfinished reference "\$\{DEMO_HOST"/);
    const file = writeConfig({ audit: { file: '${AUDIT_DIR}/audit.jsonl' } });
    expect(() => load(file, { AUDIT_DIR: '' })).toThrow(/refers to \$\{AUDIT_DIR\}, which is set but empty/);
  });
});
