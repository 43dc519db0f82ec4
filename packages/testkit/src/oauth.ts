import { createHash, randomBytes } from 'node:crypto';
import { type FakeRequest, type FakeResponse, type FakeUpstream, requestInput, startFake } from './fake/index.js';

export interface FakeOAuthOptions {
  clientId?: string;
  /** Access tokens handed out in order (device, code and refresh grants alike); random ones after. */
  accessTokens?: string[];
  /** expires_in of each access token, in seconds (none when unset). */
  expiresIn?: number;
  /** Refresh tokens valid from the start (for a credential a test stores itself). */
  refreshTokens?: string[];
  /** How long the refresh grant takes to answer, in ms (to make concurrent refreshes overlap). */
  refreshDelayMs?: number;
  /** Whether tokens come with a refresh token (default true). */
  refresh?: boolean;
  /** Device flow: polls answered authorization_pending before the outcome (default 1). */
  pendingPolls?: number;
  /** Device flow: what the user does in the end (default approve). */
  deviceOutcome?: 'approve' | 'deny' | 'expire';
  /** Device flow: the interval asked for, in seconds (default 1); a faster poll gets slow_down. */
  interval?: number;
  /** Device flow: this many first polls are answered slow_down (interval + 1) whatever their pace. */
  slowDown?: number;
  /** Authorization endpoint: the user approves, or denies (redirects with error=access_denied). */
  authorizeOutcome?: 'approve' | 'deny';
  scope?: string;
}

export interface FakeOAuth extends FakeUpstream {
  /** Grants as they happened: device_code, authorization_code, refresh_token; refused ones too. */
  grants: Array<{ grant: string; outcome: string }>;
  /** Tokens that are valid now (issued, neither refreshed away nor revoked). */
  valid: Set<string>;
  /** Tokens revoked through the revocation endpoint. */
  revoked: string[];
  /** Paths: deviceCode, token, authorize, revoke. */
  endpoints: { deviceCode: string; token: string; authorize: string; revoke: string };
}

const oauthError = (error: string, description?: string): FakeResponse => ({
  status: 400,
  body: { error, ...(description ? { error_description: description } : {}) },
});
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/**
 * A fake OAuth 2 provider on 127.0.0.1: the device authorization grant (RFC 8628, GitHub's paths), the
 * authorization code grant with PKCE S256 (RFC 7636), the refresh grant rotating refresh tokens (a used one
 * is refused, as providers that rotate do), and token revocation (RFC 7009). Errors are RFC 6749 section
 * 5.2 answers (400, `{ error, error_description }`).
 */
export async function startFakeOAuth(options: FakeOAuthOptions = {}): Promise<FakeOAuth> {
  const clientId = options.clientId ?? 'fake-client-id';
  const queued = [...(options.accessTokens ?? [])];
  const grants: FakeOAuth['grants'] = [];
  const valid = new Set<string>();
  const refreshTokens = new Set<string>(options.refreshTokens);
  const revoked: string[] = [];
  const devices = new Map<string, { polls: number; lastPoll: number; interval: number; slowDowns: number }>();
  const codes = new Map<string, { challenge: string; redirectUri: string }>();

  const issue = (grant: string): FakeResponse => {
    const accessToken = queued.shift() ?? `fake_access_${randomBytes(12).toString('hex')}`;
    valid.add(accessToken);
    const refreshToken = options.refresh === false ? undefined : `fake_refresh_${randomBytes(12).toString('hex')}`;
    if (refreshToken) refreshTokens.add(refreshToken);
    grants.push({ grant, outcome: 'issued' });
    return {
      body: {
        access_token: accessToken,
        token_type: 'bearer',
        scope: options.scope ?? 'read',
        ...(options.expiresIn ? { expires_in: options.expiresIn } : {}),
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
      },
    };
  };
  const refuse = (grant: string, error: string, description?: string) => {
    grants.push({ grant, outcome: error });
    return oauthError(error, description);
  };

  const deviceGrant = (request: FakeRequest): FakeResponse => {
    const grant = 'device_code';
    const device = devices.get(requestInput(request, 'device_code') ?? '');
    if (!device) return refuse(grant, 'incorrect_device_code');
    const now = Date.now();
    const tooSoon = device.lastPoll && now - device.lastPoll < device.interval * 1000 - 50;
    device.lastPoll = now;
    if (tooSoon || device.slowDowns++ < (options.slowDown ?? 0)) {
      device.interval += 1;
      return { ...refuse(grant, 'slow_down'), body: { error: 'slow_down', interval: device.interval } };
    }
    if (device.polls++ < (options.pendingPolls ?? 1)) return refuse(grant, 'authorization_pending');
    const outcome = options.deviceOutcome ?? 'approve';
    if (outcome === 'deny') return refuse(grant, 'access_denied', 'The user has denied your application access.');
    if (outcome === 'expire') return refuse(grant, 'expired_token', 'The device code has expired.');
    devices.delete(requestInput(request, 'device_code')!);
    return issue(grant);
  };

  const codeGrant = (request: FakeRequest): FakeResponse => {
    const grant = 'authorization_code';
    const code = codes.get(requestInput(request, 'code') ?? '');
    if (!code) return refuse(grant, 'invalid_grant', 'unknown or used code');
    codes.delete(requestInput(request, 'code')!);
    if (requestInput(request, 'redirect_uri') !== code.redirectUri) return refuse(grant, 'invalid_grant', 'redirect_uri does not match');
    if (s256(requestInput(request, 'code_verifier') ?? '') !== code.challenge) return refuse(grant, 'invalid_grant', 'PKCE verification failed');
    return issue(grant);
  };

  const refreshGrant = async (request: FakeRequest): Promise<FakeResponse> => {
    const token = requestInput(request, 'refresh_token') ?? '';
    if (options.refreshDelayMs) await new Promise((resolve) => setTimeout(resolve, options.refreshDelayMs));
    if (!refreshTokens.delete(token)) return refuse('refresh_token', 'invalid_grant', 'The refresh token is invalid or was already used.');
    return issue('refresh_token');
  };

  /** The token endpoint (GitHub's path and the usual /oauth/token): every grant. */
  const token = (request: FakeRequest): FakeResponse | Promise<FakeResponse> => {
    if (requestInput(request, 'client_id') !== clientId) return refuse('unknown', 'invalid_client');
    const grantType = requestInput(request, 'grant_type');
    if (grantType === 'urn:ietf:params:oauth:grant-type:device_code') return deviceGrant(request);
    if (grantType === 'authorization_code') return codeGrant(request);
    if (grantType === 'refresh_token') return refreshGrant(request);
    return refuse(grantType ?? 'none', 'unsupported_grant_type');
  };

  const fake = await startFake({
    routes: {
      'POST /login/device/code': (request) => {
        if (requestInput(request, 'client_id') !== clientId) return oauthError('invalid_client');
        const deviceCode = randomBytes(16).toString('hex');
        const interval = options.interval ?? 1;
        devices.set(deviceCode, { polls: 0, lastPoll: 0, interval, slowDowns: 0 });
        return {
          body: {
            device_code: deviceCode,
            user_code: 'WDJB-MJHT',
            verification_uri: `${request.origin}/login/device`,
            expires_in: 900,
            interval,
          },
        };
      },
      'POST /login/oauth/access_token': (request) => token(request),
      'POST /oauth/token': (request) => token(request),
      'GET /oauth/authorize': (request) => {
        const redirectUri = request.query.get('redirect_uri') ?? '';
        const state = request.query.get('state') ?? '';
        if (request.query.get('client_id') !== clientId) return oauthError('invalid_client');
        if (request.query.get('code_challenge_method') !== 'S256' || !request.query.get('code_challenge'))
          return oauthError('invalid_request', 'PKCE S256 is required');
        const target = new URL(redirectUri);
        target.searchParams.set('state', state);
        if (options.authorizeOutcome === 'deny') target.searchParams.set('error', 'access_denied');
        else {
          const code = randomBytes(12).toString('hex');
          codes.set(code, { challenge: request.query.get('code_challenge')!, redirectUri });
          target.searchParams.set('code', code);
        }
        return { status: 302, headers: { location: target.href } };
      },
      'POST /oauth/revoke': (request) => {
        const token = requestInput(request, 'token') ?? '';
        if (valid.delete(token) || refreshTokens.delete(token)) revoked.push(token);
        return { body: {} };
      },
    },
  });
  return {
    ...fake,
    grants,
    valid,
    revoked,
    endpoints: { deviceCode: '/login/device/code', token: '/login/oauth/access_token', authorize: '/oauth/authorize', revoke: '/oauth/revoke' },
  };
}
