import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { withLock } from './lock.js';
import type { CredentialStore, StoredCredential } from './types.js';

export const CREDENTIALS_FILE = 'credentials.enc';
export const KEY_FILE = 'credentials.key';
const LOCK_FILE = 'credentials.lock';
const FORMAT = 'toolbridge-credentials';
// Bound into the authentication tag: a file of another format or version never decrypts as this one.
const AAD = Buffer.from(`${FORMAT}/1`);

interface Envelope {
  format: typeof FORMAT;
  version: 1;
  cipher: 'aes-256-gcm';
  nonce: string;
  tag: string;
  data: string;
}

type Contents = Record<string, StoredCredential>;

/**
 * Credentials in one file encrypted with AES-256-GCM (a fresh 96-bit nonce per write, authenticated), the
 * 256-bit key in a separate file. Both are created 0600 in a 0700 directory, and neither is read when its
 * mode lets anyone else in. Writes go to a temporary file, synced, then renamed over the old one.
 */
export class FileCredentialStore implements CredentialStore {
  readonly kind = 'file' as const;
  readonly location: string;
  private readonly file: string;
  private readonly keyFile: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, CREDENTIALS_FILE);
    this.keyFile = join(dir, KEY_FILE);
    this.location = this.file;
  }

  get(service: string): StoredCredential | undefined {
    return this.read()[service];
  }

  put(credential: StoredCredential): Promise<void> {
    return this.update((contents) => {
      contents[credential.service] = credential;
      return true;
    }).then(() => undefined);
  }

  remove(service: string): Promise<boolean> {
    return this.update((contents) => {
      if (!(service in contents)) return false;
      delete contents[service];
      return true;
    });
  }

  /** Read-modify-write under the store's lock; `change` returns whether to write. */
  async update(change: (contents: Contents) => boolean): Promise<boolean> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    return withLock(join(this.dir, LOCK_FILE), async () => {
      const contents = this.read();
      if (!change(contents)) return false;
      this.write(contents);
      return true;
    });
  }

  private read(): Contents {
    const raw = readPrivate(this.file);
    if (raw === undefined) return {};
    const key = readPrivate(this.keyFile);
    if (key === undefined) {
      throw new ConfigError('credentials', `${this.file} exists but its key file ${this.keyFile} is missing, so it cannot be read`, {
        hint: 'Delete both files and run `toolbridge login <service>` again.',
      });
    }
    try {
      const envelope = JSON.parse(raw.toString('utf8')) as Envelope;
      if (envelope.format !== FORMAT || envelope.version !== 1 || envelope.cipher !== 'aes-256-gcm') throw new Error('unknown format');
      const decipher = createDecipheriv('aes-256-gcm', decodeKey(key), Buffer.from(envelope.nonce, 'base64'));
      decipher.setAAD(AAD);
      decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as Contents;
    } catch {
      throw new ConfigError('credentials', `${this.file} failed its integrity check: it was modified, damaged, or encrypted with another key`, {
        hint: 'Nothing was read from it. Delete it (and its key file) and run `toolbridge login <service>` again.',
      });
    }
  }

  private write(contents: Contents): void {
    const key = readPrivate(this.keyFile) ?? createKey(this.keyFile);
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', decodeKey(key), nonce);
    cipher.setAAD(AAD);
    const data = Buffer.concat([cipher.update(JSON.stringify(contents), 'utf8'), cipher.final()]);
    const envelope: Envelope = {
      format: FORMAT,
      version: 1,
      cipher: 'aes-256-gcm',
      nonce: nonce.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    writeAtomically(this.file, JSON.stringify(envelope));
  }
}

/** A file's bytes, undefined when it does not exist; refused when group or others may read or write it. */
function readPrivate(path: string): Buffer | undefined {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return undefined;
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new ConfigError('credentials', `${path} has mode ${(stat.mode & 0o777).toString(8)}: others may read it, so it is not used`, {
      hint: `Run \`chmod 600 ${path}\` if you trust its contents, or delete it and log in again.`,
    });
  }
  if (process.getuid && stat.uid !== process.getuid()) {
    throw new ConfigError('credentials', `${path} belongs to another user, so it is not used`, { hint: 'Delete it and log in again.' });
  }
  return readFileSync(path);
}

function decodeKey(raw: Buffer): Buffer {
  const key = Buffer.from(raw.toString('utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error('bad key length');
  return key;
}

function createKey(path: string): Buffer {
  const encoded = Buffer.from(`${randomBytes(32).toString('base64')}\n`);
  writeAtomically(path, encoded);
  return encoded;
}

/** Temporary file (0600, exclusive), fsync, rename over the target: a reader sees the old or the new file, never half. */
function writeAtomically(path: string, data: string | Buffer): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
