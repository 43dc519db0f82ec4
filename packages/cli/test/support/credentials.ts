import { join } from 'node:path';
import { FileCredentialStore } from '@toolbridge/core';
import { sandbox } from './cli.js';

/** A sandbox whose credentials go to the encrypted file under its own home (no keychain, no real home). */
export function fileSandbox() {
  const box = sandbox();
  const configDir = join(box.home, '.config', 'toolbridge');
  return { ...box, configDir, store: () => new FileCredentialStore(configDir), env: { TOOLBRIDGE_CREDENTIAL_STORE: 'file' } };
}
export type FileSandbox = ReturnType<typeof fileSandbox>;
