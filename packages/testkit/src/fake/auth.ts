import { type FakeRequest, type FakeResponse, requestInput } from './request.js';

/** Looks at a request before any route: an answer refuses it, undefined lets it through. */
export type AuthCheck = (request: FakeRequest) => FakeResponse | undefined;

export interface CredentialPlaces {
  /** Authorization schemes accepted before the token, case-insensitive (default ['Bearer']); '' accepts a bare key (Linear's API keys). */
  schemes?: string[];
  /** The header carrying it (default authorization). */
  header?: string;
  /** An input that may carry it instead, from the query or the body (Slack's `token`). */
  parameter?: string;
}

/** The token a request presents, wherever `places` allow it, or undefined. */
export function presentedToken(request: FakeRequest, places: CredentialPlaces = {}): string | undefined {
  const schemes = places.schemes ?? ['Bearer'];
  const value = request.headers[places.header ?? 'authorization'];
  const header = Array.isArray(value) ? value[0] : value;
  if (header) {
    const [, scheme, token] = /^(\S+)\s+(\S.*)$/.exec(header.trim()) ?? [];
    if (scheme && token && schemes.some((accepted) => accepted.toLowerCase() === scheme.toLowerCase())) return token;
    if (!scheme && schemes.includes('')) return header.trim();
  }
  return places.parameter ? requestInput(request, places.parameter) : undefined;
}

export interface TokenAuthOptions extends CredentialPlaces {
  /** The token (or tokens) the fake accepts. */
  tokens: string | string[];
  /** The answer to a request without a credential. */
  missing: FakeResponse | ((request: FakeRequest) => FakeResponse);
  /** The answer to a request with a wrong one (default: as missing). */
  invalid?: FakeResponse | ((request: FakeRequest) => FakeResponse);
}

/** Refuses requests that do not present one of `tokens` in an accepted place. */
export function tokenAuth(options: TokenAuthOptions): AuthCheck {
  const accepted = new Set([options.tokens].flat());
  const answer = (response: TokenAuthOptions['missing'], request: FakeRequest) => (typeof response === 'function' ? response(request) : response);
  return (request) => {
    const token = presentedToken(request, options);
    if (token === undefined) return answer(options.missing, request);
    return accepted.has(token) ? undefined : answer(options.invalid ?? options.missing, request);
  };
}
