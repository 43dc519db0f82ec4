import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configDir } from '../src/credentials/config-dir.js';
import { CREDENTIALS_FILE, FileCredentialStore, KEY_FILE } from '../src/credentials/file-store.js';
import { KeychainCredentialStore } from '../src/credentials/keychain.js';
import { openCredentialStore } from '../src/credentials/store.js';
import type { StoredCredential } from '../src/credentials/types.js';

const TOKEN = 'ghp_StoredSecretToken0123456789abcdefABCD';
const credential = (service: string, token = TOKEN): StoredCredential => ({
  service,
  token,
  method: 'token',
  identity: 'octocat',
  scopes: ['repo'],
  expiresAt: '2030-01-01T00:00:00.000Z',
  savedAt: new Date().toISOString(),
});
const freshDir = () => mkdtempSync(join(tmpdir(), 'toolbridge-creds-'));

describe('the encrypted credentials file', () => {
  it('round-trips credentials, never writing a token in plain text, with 0600 files in a 0700 folder', async () => {
    const dir = join(freshDir(), 'toolbridge');
    const store = new FileCredentialStore(dir);
    await store.put(credential('github'));
    await store.put(credential('sentry', 'sntrys_other_token_value_1234567890'));
    expect(store.get('github')).toMatchObject({ token: TOKEN, identity: 'octocat', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(new FileCredentialStore(dir).get('sentry')?.token).toBe('sntrys_other_token_value_1234567890');
    expect(readdirSync(dir).sort()).toEqual([CREDENTIALS_FILE, KEY_FILE]);
    const raw = readFileSync(join(dir, CREDENTIALS_FILE), 'utf8');
    for (const plain of [TOKEN, 'octocat', 'github', 'sntrys']) expect(raw).not.toContain(plain);
    expect(JSON.parse(raw)).toMatchObject({ format: 'toolbridge-credentials', version: 1, cipher: 'aes-256-gcm' });
    expect(statSync(join(dir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(await store.remove('github')).toBe(true);
    expect(await store.remove('github')).toBe(false);
    expect(store.get('github')).toBeUndefined();
  });

  it('uses a fresh nonce for every write', async () => {
    const dir = freshDir();
    const store = new FileCredentialStore(dir);
    const nonces = new Set<string>();
    for (let index = 0; index < 5; index++) {
      await store.put(credential('github'));
      nonces.add(JSON.parse(readFileSync(join(dir, CREDENTIALS_FILE), 'utf8')).nonce);
    }
    expect(nonces.size).toBe(5);
  });

  it('detects tampering: a flipped bit, a swapped tag, another key, each refused with what to do', async () => {
    const dir = freshDir();
    const store = new FileCredentialStore(dir);
    await store.put(credential('github'));
    const file = join(dir, CREDENTIALS_FILE);
    const original = readFileSync(file, 'utf8');
    const envelope = JSON.parse(original);
    const data = Buffer.from(envelope.data, 'base64');
    data[3]! ^= 1;
    const cases = [
      { ...envelope, data: data.toString('base64') },
      { ...envelope, tag: Buffer.alloc(16).toString('base64') },
      { ...envelope, nonce: Buffer.alloc(12).toString('base64') },
    ];
    for (const tampered of cases) {
      writeFileSync(file, JSON.stringify(tampered), { mode: 0o600 });
      expect(() => store.get('github')).toThrow(/failed its integrity check: it was modified, damaged, or encrypted with another key/);
    }
    writeFileSync(file, original, { mode: 0o600 });
    writeFileSync(join(dir, KEY_FILE), `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
    expect(() => store.get('github')).toThrow(/integrity check/);
  });

  it('refuses to read either file when group or others may read it', async () => {
    const dir = freshDir();
    const store = new FileCredentialStore(dir);
    await store.put(credential('github'));
    for (const name of [CREDENTIALS_FILE, KEY_FILE]) {
      chmodSync(join(dir, name), 0o644);
      expect(() => store.get('github')).toThrow(new RegExp(`${name}.* has mode 644: others may read it, so it is not used`));
      chmodSync(join(dir, name), 0o600);
    }
    expect(store.get('github')?.token).toBe(TOKEN);
  });

  it('writes atomically: no temporary file left, and readers never see half a file while writers race', async () => {
    const dir = freshDir();
    const script = `
      import { FileCredentialStore } from '@toolbridge/core';
      const store = new FileCredentialStore(${JSON.stringify(dir)});
      for (let i = 0; i < 20; i++) {
        await store.put({ service: 'svc' + process.argv[1] + '-' + i, token: 'token-' + i, method: 'token', savedAt: new Date().toISOString() });
        store.get('svc' + process.argv[1] + '-' + i);
      }`;
    const run = (id: string) => promisify(execFile)(process.execPath, ['--input-type=module', '-e', script, id], { cwd: import.meta.dirname });
    await Promise.all([run('a'), run('b'), run('c')]);
    const store = new FileCredentialStore(dir);
    for (const id of ['a', 'b', 'c']) for (let index = 0; index < 20; index++) expect(store.get(`svc${id}-${index}`)?.token).toBe(`token-${index}`);
    expect(readdirSync(dir).sort()).toEqual([CREDENTIALS_FILE, KEY_FILE]);
  }, 60_000);
});

describe('where credentials are kept', () => {
  it('uses the platform config directory unless TOOLBRIDGE_CONFIG_DIR says otherwise', () => {
    expect(configDir({ HOME: '/home/ada' }, 'linux')).toBe('/home/ada/.config/toolbridge');
    expect(configDir({ HOME: '/home/ada', XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/toolbridge');
    expect(configDir({ HOME: '/Users/ada' }, 'darwin')).toBe('/Users/ada/Library/Application Support/toolbridge');
    expect(configDir({ TOOLBRIDGE_CONFIG_DIR: '/custom' }, 'linux')).toBe('/custom');
  });

  it('falls back to the file when the keychain is not available, and says why when it was asked for', () => {
    const env = { TOOLBRIDGE_CONFIG_DIR: freshDir() };
    expect(openCredentialStore({ ...env, TOOLBRIDGE_CREDENTIAL_STORE: 'file' }).kind).toBe('file');
    expect(() => openCredentialStore({ ...env, TOOLBRIDGE_CREDENTIAL_STORE: 'vault' })).toThrow(/TOOLBRIDGE_CREDENTIAL_STORE is "vault"/);
    if (!KeychainCredentialStore.open()) {
      expect(openCredentialStore(env).kind).toBe('file');
      expect(() => openCredentialStore({ ...env, TOOLBRIDGE_CREDENTIAL_STORE: 'keychain' })).toThrow(/the OS keychain is not available/);
    }
  });

  const keychain = KeychainCredentialStore.open();
  if (!keychain) console.warn('keychain test skipped: @napi-rs/keyring loaded no usable OS keychain here (on Linux a Secret Service must be running)');
  it.skipIf(!keychain)('keeps a credential in the OS keychain when one answers', async () => {
    const service = `toolbridge-test-${process.pid}`;
    await keychain!.put(credential(service));
    expect(keychain!.get(service)?.token).toBe(TOKEN);
    expect(await keychain!.remove(service)).toBe(true);
    expect(keychain!.get(service)).toBeUndefined();
  });
});

describe('the lock shared by every process', () => {
  it('creates its folder when missing, and runs one holder at a time', async () => {
    const { withLock } = await import('../src/credentials/lock.js');
    const lock = join(freshDir(), 'not', 'yet', 'there.lock');
    const order: string[] = [];
    const hold = (name: string) =>
      withLock(lock, async () => {
        order.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect([order.slice(0, 2), order.slice(2)].every(([enter, leave]) => enter!.replace(' in', '') === leave!.replace(' out', ''))).toBe(true);
    expect(readdirSync(join(lock, '..'))).toEqual([]);
  });

  it('takes over a lock left by a process that died', async () => {
    const { withLock } = await import('../src/credentials/lock.js');
    const lock = join(freshDir(), 'stale.lock');
    writeFileSync(lock, '999999999');
    expect(await withLock(lock, async () => 'taken', 1_000)).toBe('taken');
  });
});
