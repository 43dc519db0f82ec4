/** A credential kept by `toolbridge login`, as stored (in the keychain or the encrypted file). */
export interface StoredCredential {
  /** The service it is for: github, slack, linear, sentry. */
  service: string;
  /** The access token itself. Never printed. */
  token: string;
  /** How it was obtained: pasted, OAuth device flow, OAuth authorization code with PKCE. */
  method: 'token' | 'device' | 'pkce';
  /** Who the token is (a login, an e-mail), as the upstream said when it was checked. */
  identity?: string;
  scopes?: string[];
  /** ISO time after which the access token no longer works. */
  expiresAt?: string;
  refreshToken?: string;
  /** ISO time after which the refresh token no longer works. */
  refreshExpiresAt?: string;
  /** The OAuth endpoint and client that issued it, for refreshing. */
  oauth?: { tokenUrl: string; clientId: string; revokeUrl?: string };
  /** The API base URL it was checked against, when not the service's default. */
  baseUrl?: string;
  savedAt: string;
}

export type StoreKind = 'keychain' | 'file';

/** Where credentials are kept. Reads are synchronous (a server checks for one while it starts). */
export interface CredentialStore {
  readonly kind: StoreKind;
  /** A human description of where: "the OS keychain (service toolbridge)" or the file's path. */
  readonly location: string;
  get(service: string): StoredCredential | undefined;
  put(credential: StoredCredential): Promise<void>;
  /** True when something was removed. */
  remove(service: string): Promise<boolean>;
}
