import { ToolbridgeError } from '../errors.js';
import type { FetchLike } from '../http/client.js';
import type { CredentialSpec } from './resolve.js';
import type { StoredCredential } from './types.js';

/** A token endpoint's answer (RFC 6749 section 5.1, and 5.2 for errors). */
export interface TokenAnswer {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  refresh_token_expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

/** POSTs a form to a token endpoint and reads the JSON answer, errors included (they come with 400). */
export async function postTokenForm(fetch: FetchLike, url: string, form: Record<string, string>): Promise<TokenAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as TokenAnswer;
  } catch {
    throw new ToolbridgeError(`the token endpoint ${new URL(url).origin} answered ${response.status} without JSON`, {
      hint: 'Check the OAuth endpoint settings.',
    });
  }
}

/** The stored credential an answer with an access token makes; expiries from expires_in. */
export function credentialFrom(answer: TokenAnswer, base: Omit<StoredCredential, 'token' | 'savedAt'>, now: number): StoredCredential {
  const { expiresAt: _expires, refreshToken: _refresh, refreshExpiresAt: _refreshExpires, ...kept } = base;
  return {
    ...kept,
    token: answer.access_token!,
    ...(answer.expires_in ? { expiresAt: new Date(now + answer.expires_in * 1000).toISOString() } : {}),
    ...((answer.refresh_token ?? base.refreshToken) ? { refreshToken: answer.refresh_token ?? base.refreshToken } : {}),
    ...(answer.refresh_token_expires_in ? { refreshExpiresAt: new Date(now + answer.refresh_token_expires_in * 1000).toISOString() } : {}),
    ...(answer.scope ? { scopes: answer.scope.split(/[ ,]+/).filter(Boolean) } : {}),
    savedAt: new Date(now).toISOString(),
  };
}

/** The refresh_token grant (RFC 6749 section 6); a refused refresh says to log in again. */
export async function refreshGrant(fetch: FetchLike, stored: StoredCredential, spec: CredentialSpec, now: number): Promise<StoredCredential> {
  const answer = await postTokenForm(fetch, stored.oauth!.tokenUrl, {
    grant_type: 'refresh_token',
    refresh_token: stored.refreshToken!,
    client_id: stored.oauth!.clientId,
  });
  if (!answer.access_token) {
    throw new ToolbridgeError(
      `${spec.title} refused to refresh the saved credential (${answer.error ?? 'no access token'}${answer.error_description ? `: ${answer.error_description}` : ''})`,
      { hint: `It was revoked or has expired: run \`toolbridge login ${spec.service}\`.` },
    );
  }
  return credentialFrom(answer, stored, now);
}
