import { createRequire } from 'node:module';
import type { CredentialStore, StoredCredential } from './types.js';

const SERVICE = 'toolbridge';

interface KeyringEntry {
  getPassword(): string | null;
  setPassword(password: string): void;
  deletePassword(): boolean;
}
type EntryClass = new (service: string, account: string, options?: { linux?: { store?: string } }) => KeyringEntry;

/**
 * @napi-rs/keyring (an optional dependency with prebuilt binaries), loaded at first use; undefined when it
 * is not installed or has no binary for this platform. Resolved beside core and beside a bundled bin.
 */
function loadKeyring(): EntryClass | undefined {
  const here = createRequire(import.meta.url);
  const bases = [() => import.meta.url, () => here.resolve('@toolbridge/core/package.json')];
  for (const base of bases) {
    try {
      return (createRequire(base())('@napi-rs/keyring') as { Entry: EntryClass }).Entry;
    } catch {
      // not installed there, or no binary for this platform
    }
  }
  return undefined;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, the Secret Service on Linux), one entry
 * per service under "toolbridge". Linux is pinned to the Secret Service: the kernel keyring the binding
 * would fall back to forgets everything at reboot.
 */
export class KeychainCredentialStore implements CredentialStore {
  readonly kind = 'keychain' as const;
  readonly location = `the OS keychain (service "${SERVICE}")`;

  private constructor(private readonly Entry: EntryClass) {}

  /** The keychain when the binding loads and the keychain answers a read; undefined otherwise. */
  static open(): KeychainCredentialStore | undefined {
    const Entry = loadKeyring();
    if (!Entry) return undefined;
    const store = new KeychainCredentialStore(Entry);
    try {
      store.entry('__probe__').getPassword();
      return store;
    } catch {
      return undefined;
    }
  }

  private entry(service: string): KeyringEntry {
    return new this.Entry(SERVICE, service, { linux: { store: 'secret-service' } });
  }

  get(service: string): StoredCredential | undefined {
    const value = this.entry(service).getPassword();
    return value ? (JSON.parse(value) as StoredCredential) : undefined;
  }

  async put(credential: StoredCredential): Promise<void> {
    this.entry(credential.service).setPassword(JSON.stringify(credential));
  }

  async remove(service: string): Promise<boolean> {
    return this.entry(service).deletePassword();
  }
}
