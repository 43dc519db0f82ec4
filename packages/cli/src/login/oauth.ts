import type { StoredCredential } from '@toolbridge/core';
import type { Io } from '../io.js';
import type { LoginTarget } from './targets.js';

export async function oauthLogin(target: LoginTarget, _flow: 'device' | 'pkce', _io: Io): Promise<StoredCredential> {
  throw new Error(`OAuth login for ${target.title} is not available yet`);
}

export async function revoke(_credential: StoredCredential, _env: NodeJS.ProcessEnv): Promise<boolean> {
  return false;
}
