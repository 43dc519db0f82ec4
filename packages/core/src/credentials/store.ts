import { ConfigError } from '../errors.js';
import { configDir } from './config-dir.js';
import { FileCredentialStore } from './file-store.js';
import { KeychainCredentialStore } from './keychain.js';
import type { CredentialStore, StoredCredential } from './types.js';

/**
 * The credential store: the OS keychain when the binding loads and the keychain answers, else the
 * encrypted file in the user's config directory. TOOLBRIDGE_CREDENTIAL_STORE=keychain|file chooses.
 * Reads look in both (a credential saved in the file while the keychain was away is still found);
 * writes go to the chosen one, and removal clears both.
 */
export function openCredentialStore(env: NodeJS.ProcessEnv): CredentialStore {
  const choice = env.TOOLBRIDGE_CREDENTIAL_STORE;
  if (choice && choice !== 'keychain' && choice !== 'file') {
    throw new ConfigError('TOOLBRIDGE_CREDENTIAL_STORE', `TOOLBRIDGE_CREDENTIAL_STORE is "${choice}"`, {
      hint: 'Set it to "keychain" or "file", or leave it unset.',
    });
  }
  const file = new FileCredentialStore(configDir(env));
  if (choice === 'file') return file;
  const keychain = KeychainCredentialStore.open();
  if (!keychain) {
    if (choice === 'keychain') {
      throw new ConfigError('TOOLBRIDGE_CREDENTIAL_STORE', 'the OS keychain is not available (@napi-rs/keyring did not load, or the keychain did not answer)', {
        hint: 'On Linux a Secret Service (GNOME Keyring, KWallet) must be running; or set TOOLBRIDGE_CREDENTIAL_STORE=file.',
      });
    }
    return file;
  }
  return {
    kind: 'keychain',
    location: keychain.location,
    get: (service) => keychain.get(service) ?? file.get(service),
    put: (credential: StoredCredential) => keychain.put(credential),
    remove: async (service) => {
      const [fromKeychain, fromFile] = await Promise.all([keychain.remove(service), file.remove(service)]);
      return fromKeychain || fromFile;
    },
  };
}
