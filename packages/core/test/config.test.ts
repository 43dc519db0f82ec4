import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config/load.js';
import { parseSize } from '../src/config/size.js';

const dir = mkdtempSync(join(tmpdir(), 'toolbridge-config-'));
const writeConfig = (value: unknown) => {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
};
const section = z.object({ baseUrl: z.string().url().optional(), pageSize: z.number().int().default(20) });
const load = (file: string | undefined, env: NodeJS.ProcessEnv = {}, flagValues: Record<string, unknown> = {}) =>
  loadConfig({
    file,
    env,
    envBindings: { TOOLBRIDGE_LOG_LEVEL: { path: 'globalSettings.logLevel', kind: 'string' }, DEMO_PAGE_SIZE: { path: 'demo.pageSize', kind: 'number' } },
    flagValues,
    sectionKey: 'demo',
    sectionSchema: section,
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
    expect(() => load(undefined, { DEMO_PAGE_SIZE: 'many' })).toThrow(/DEMO_PAGE_SIZE: expected a number/);
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
});
