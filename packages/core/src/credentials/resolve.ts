import { join } from 'node:path';
import { ConfigError, ToolbridgeError } from '../errors.js';
import type { FetchLike } from '../http/client.js';
import { registerSecret } from '../redact.js';
import type { UpstreamAdapter } from '../upstream.js';
import { configDir } from './config-dir.js';
import { withLock } from './lock.js';
import { refreshGrant } from './oauth.js';
import { openCredentialStore } from './store.js';
import type { CredentialStore, StoredCredential, StoreKind } from './types.js';

/** What a server's credential is called and where it may come from (declared once in its spec). */
export interface CredentialSpec {
  /** The name in the store and in `toolbridge login <service>`: github, slack, linear, sentry. */
  service: string;
  /** The service as people write it: "GitHub". */
  title: string;
  /** Environment variables holding it, first wins; they win over the store. */
  env: readonly string[];
  /** Where a user gets one, added to the message when none is set ("Create a personal API key in ..."). */
  howToGet?: string;
}

export interface ResolvedCredential {
  token: string;
  source: 'env' | StoreKind;
  /** The variable it came from, when it came from the environment. */
  variable?: string;
  stored?: StoredCredential;
}

/** A stored OAuth token this close to its expiry is refreshed before use. */
const REFRESH_MARGIN_MS = 60_000;

export interface Credentials {
  readonly spec: CredentialSpec | undefined;
  /** The credential as it is now, without refreshing: the environment, then the store. */
  peek(): ResolvedCredential | undefined;
  /** The credential to use, a stored OAuth token refreshed first when it is about to expire. */
  get(): Promise<ResolvedCredential | undefined>;
  /** As get(), or a ConfigError saying what to set or run. */
  require(): Promise<ResolvedCredential>;
  /**
   * After the upstream refused `token` with 401: a refreshed (or another process's newer) token, once
   * per token; undefined when there is nothing better to try.
   */
  afterUnauthorized(token: string): Promise<string | undefined>;
  /** The upstream adapter with its auth message fitted to where the credential came from. */
  describeWith(upstream: UpstreamAdapter | undefined): UpstreamAdapter | undefined;
}

export interface CredentialsOptions {
  spec: CredentialSpec | undefined;
  env: NodeJS.ProcessEnv;
  /** The server's sandboxed fetch, for refreshing. */
  fetch: () => FetchLike;
  /** Lets the token endpoint's origin through the egress policy. */
  allow: (origin: string) => void;
  now?: () => number;
}

export const loginCommand = (service: string) => `toolbridge login ${service}`;

export function createCredentials(options: CredentialsOptions): Credentials {
  const { spec, env } = options;
  const now = options.now ?? Date.now;
  let store: CredentialStore | undefined;
  let lastSource: ResolvedCredential['source'] | undefined;
  // The stored credential as last read: a server reads the store once, then again only to refresh.
  let cached: ResolvedCredential | undefined;
  const tried = new Set<string>();
  const openStore = () => {
    store ??= openCredentialStore(env);
    return store;
  };
  const lockFile = () => join(configDir(env), `refresh-${spec!.service}.lock`);

  const fromEnv = (): ResolvedCredential | undefined => {
    for (const variable of spec?.env ?? []) {
      const token = env[variable];
      if (token) return { token, source: 'env', variable };
    }
    return undefined;
  };
  const fromStore = (): ResolvedCredential | undefined => {
    if (!spec) return undefined;
    const current = openStore();
    const stored = current.get(spec.service);
    if (!stored) return undefined;
    registerSecret(stored.token);
    registerSecret(stored.refreshToken);
    return { token: stored.token, source: current.kind, stored };
  };
  const resolve = (): ResolvedCredential | undefined => {
    const variable = fromEnv();
    if (!variable) cached ??= fromStore();
    const found = variable ?? cached;
    lastSource = found?.source;
    return found;
  };
  const peek = () => {
    try {
      return resolve();
    } catch {
      // A store that cannot be read is reported by require(), with what to do.
      return undefined;
    }
  };
  const expired = (stored: StoredCredential, margin = 0) => stored.expiresAt !== undefined && Date.parse(stored.expiresAt) - margin <= now();

  /** Refreshes under a lock every process shares; a token another process refreshed meanwhile is used as it is. */
  const refresh = async (staleToken: string): Promise<ResolvedCredential | undefined> =>
    withLock(lockFile(), async () => {
      const current = fromStore();
      if (!current?.stored) return undefined;
      if (current.token !== staleToken && !expired(current.stored, REFRESH_MARGIN_MS)) return current;
      const { stored } = current;
      if (!stored.refreshToken || !stored.oauth) return undefined;
      options.allow(new URL(stored.oauth.tokenUrl).origin);
      const renewed = await refreshGrant(options.fetch(), stored, spec!, now());
      await openStore().put(renewed);
      registerSecret(renewed.token);
      registerSecret(renewed.refreshToken);
      return { token: renewed.token, source: openStore().kind, stored: renewed };
    }).then((found) => {
      if (found) cached = found;
      return found;
    });

  const get = async (): Promise<ResolvedCredential | undefined> => {
    const found = resolve();
    if (!found?.stored || !expired(found.stored, REFRESH_MARGIN_MS) || !found.stored.refreshToken) return found;
    return (await refresh(found.token)) ?? found;
  };

  const missing = () => {
    const names = spec?.env ?? [];
    return new ConfigError(names[0] ?? 'credential', `no ${spec?.title ?? 'upstream'} token is set`, {
      hint: `Set ${names.join(' (or ')}${names.length > 1 ? ')' : ''}, or run \`${loginCommand(spec?.service ?? '<service>')}\` once, and restart the server.${spec?.howToGet ? ` ${spec.howToGet}` : ''}`,
    });
  };

  return {
    spec,
    peek,
    get,
    async require() {
      const found = await get();
      if (!found) throw missing();
      if (found.stored && expired(found.stored)) {
        throw new ConfigError('credentials', `the ${spec!.title} credential saved by toolbridge login expired at ${found.stored.expiresAt}`, {
          hint: `Run \`${loginCommand(spec!.service)}\` again.`,
        });
      }
      return found;
    },
    async afterUnauthorized(token) {
      if (!spec || tried.has(token) || fromEnv()) return undefined;
      tried.add(token);
      try {
        return (await refresh(token))?.token;
      } catch (error) {
        if (error instanceof ToolbridgeError) throw error;
        return undefined;
      }
    },
    describeWith(upstream) {
      if (!spec || !lastSource || lastSource === 'env') return upstream;
      const where = lastSource === 'keychain' ? 'in the OS keychain' : 'in the encrypted credentials file';
      return {
        ...(upstream ?? { service: spec.title }),
        credential: `the ${spec.title} credential saved by toolbridge login (${where})`,
        hints: { ...upstream?.hints, auth: `It was revoked or has expired: run \`${loginCommand(spec.service)}\`.` },
      };
    },
  };
}
