import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StoredCredential, TokenAnswer } from '@toolbridge/core';
import { stored, verify } from '../commands/login.js';
import { toolbridgeConfigPath } from '../init/plan.js';
import { type Io, UsageError } from '../io.js';
import { loginHttp } from './session.js';
import type { LoginTarget } from './targets.js';

/** An OAuth app the user registered, and the provider's endpoints. */
interface OAuthApp {
  flow: 'device' | 'pkce';
  clientIdVariable: string;
  /** How to register one, for the error when the client id is missing. */
  register: string;
  scope: string;
  endpoints(env: NodeJS.ProcessEnv): { deviceCode?: string; authorize?: string; token: string; revoke?: string };
}

const trimmed = (url: string) => url.replace(/\/+$/, '');

/** github.com, or the GHES / ghe.com host the API variables point at; TOOLBRIDGE_GITHUB_OAUTH_URL overrides. */
function githubWeb(env: NodeJS.ProcessEnv): string {
  if (env.TOOLBRIDGE_GITHUB_OAUTH_URL) return trimmed(env.TOOLBRIDGE_GITHUB_OAUTH_URL);
  const host = env.GITHUB_HOST?.replace(/^https?:\/\//, '').replace(/\/+$/, '');
  if (host) return `https://${host}`;
  const api = env.GITHUB_API_URL ? new URL(env.GITHUB_API_URL) : undefined;
  if (!api || api.hostname === 'api.github.com') return 'https://github.com';
  return api.hostname.startsWith('api.') && api.hostname.endsWith('.ghe.com') ? `https://${api.hostname.slice(4)}` : api.origin;
}

const APPS: Record<string, OAuthApp> = {
  github: {
    flow: 'device',
    clientIdVariable: 'TOOLBRIDGE_GITHUB_CLIENT_ID',
    register:
      'register an OAuth app (GitHub Settings > Developer settings > OAuth Apps > New OAuth App; tick "Enable Device Flow") and set TOOLBRIDGE_GITHUB_CLIENT_ID to its client id',
    scope: 'repo read:org',
    endpoints: (env) => {
      const web = githubWeb(env);
      return { deviceCode: `${web}/login/device/code`, token: `${web}/login/oauth/access_token` };
    },
  },
  linear: {
    flow: 'pkce',
    clientIdVariable: 'TOOLBRIDGE_LINEAR_CLIENT_ID',
    register:
      'create an OAuth application (Linear Settings > API > OAuth applications) with the callback URL http://127.0.0.1/callback and set TOOLBRIDGE_LINEAR_CLIENT_ID to its client id',
    scope: 'read,write',
    endpoints: (env) => {
      const override = env.TOOLBRIDGE_LINEAR_OAUTH_URL && trimmed(env.TOOLBRIDGE_LINEAR_OAUTH_URL);
      return {
        authorize: `${override ?? 'https://linear.app'}/oauth/authorize`,
        token: `${override ?? 'https://api.linear.app'}/oauth/token`,
        revoke: `${override ?? 'https://api.linear.app'}/oauth/revoke`,
      };
    },
  },
};

/** Logs in through the provider (the device flow or the browser with PKCE), checks the token, returns what to keep. */
export async function oauthLogin(target: LoginTarget, flow: 'device' | 'pkce', io: Io): Promise<StoredCredential> {
  const app = APPS[target.service];
  if (!app || app.flow !== flow) {
    const offered = Object.entries(APPS).map(([service, known]) => `${service} ${known.flow === 'device' ? '--device' : '--web'}`);
    throw new UsageError(`login: ${target.title} has no ${flow === 'device' ? '--device' : '--web'} login here. OAuth logins: ${offered.join(', ')}.`);
  }
  const env = io.place.env;
  const clientId = env[app.clientIdVariable] || clientIdInConfig(target.service, io);
  if (!clientId) {
    throw new UsageError(
      `login: ${app.clientIdVariable} is not set (nor oauth.${target.service}.clientId in toolbridge.config.json). To use OAuth, ${app.register}. Or paste a token: toolbridge login ${target.service}.`,
    );
  }
  const endpoints = app.endpoints(env);
  const http = await loginHttp(env, target, ...Object.values(endpoints).map((url) => new URL(url).origin));
  const post = async (url: string, form: Record<string, string>) => {
    const { postTokenForm } = await import('@toolbridge/core');
    return postTokenForm(http.fetch, url, form);
  };
  const answer = flow === 'device' ? await deviceFlow(app, endpoints, clientId, post, io, target) : await pkceFlow(app, endpoints, clientId, post, io, target);
  const { credentialFrom } = await import('@toolbridge/core');
  const verified = await verify(target, answer.access_token!, env);
  const base = stored(target, answer.access_token!, flow, verified, env);
  const oauth = { tokenUrl: endpoints.token, clientId, ...(endpoints.revoke ? { revokeUrl: endpoints.revoke } : {}) };
  return credentialFrom(answer, { ...base, oauth }, Date.now());
}

/** oauth.<service>.clientId in the project's toolbridge.config.json, else the user's ~/.toolbridge/config.json. */
function clientIdInConfig(service: string, io: Io): string | undefined {
  for (const scope of ['project', 'user'] as const) {
    const file = toolbridgeConfigPath(scope, io.place);
    if (!existsSync(file)) continue;
    try {
      const config = JSON.parse(readFileSync(file, 'utf8')) as { oauth?: Record<string, { clientId?: unknown }> };
      const clientId = config.oauth?.[service]?.clientId;
      if (typeof clientId === 'string' && clientId) return clientId;
    } catch {
      throw new UsageError(`login: ${file} is not valid JSON; fix it to read oauth.${service}.clientId from it.`);
    }
  }
  return undefined;
}

type Post = (url: string, form: Record<string, string>) => Promise<TokenAnswer>;
type Endpoints = ReturnType<OAuthApp['endpoints']>;

/** RFC 8628: a code for the user to enter, then polling the token endpoint at the pace the provider asks. */
async function deviceFlow(app: OAuthApp, endpoints: Endpoints, clientId: string, post: Post, io: Io, target: LoginTarget): Promise<TokenAnswer> {
  const start = (await post(endpoints.deviceCode!, { client_id: clientId, scope: app.scope })) as TokenAnswer & {
    device_code?: string;
    user_code?: string;
    verification_uri?: string;
    expires_in?: number;
    interval?: number;
  };
  if (!start.device_code)
    throw new Error(
      `${target.title} did not start the device flow (${start.error ?? 'no device code'}${start.error_description ? `: ${start.error_description}` : ''}).`,
    );
  io.err(`Open ${start.verification_uri} and enter the code ${start.user_code} (it expires in ${Math.round((start.expires_in ?? 900) / 60)} minutes).`);
  let interval = (start.interval ?? 5) * 1000;
  const deadline = Date.now() + (start.expires_in ?? 900) * 1000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const answer = (await post(endpoints.token, {
      client_id: clientId,
      device_code: start.device_code,
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
    })) as TokenAnswer & { interval?: number };
    if (answer.access_token) return answer;
    switch (answer.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        // RFC 8628 3.5: five seconds more, unless the provider names the new interval.
        interval = answer.interval ? answer.interval * 1000 : interval + 5_000;
        io.err(`${target.title} asked to be polled less often: every ${Math.round(interval / 1000)} s now.`);
        continue;
      case 'expired_token':
        throw new Error(`the code expired before it was entered; nothing was kept. Run \`toolbridge login ${target.service} --device\` again.`);
      case 'access_denied':
        throw new Error(`the authorization was denied in the browser; nothing was kept.`);
      default:
        throw new Error(
          `${target.title} refused the device login (${answer.error ?? 'no token'}${answer.error_description ? `: ${answer.error_description}` : ''}); nothing was kept.`,
        );
    }
  }
  throw new Error(`the code expired before it was entered; nothing was kept. Run \`toolbridge login ${target.service} --device\` again.`);
}

const PKCE_TIMEOUT_MS = 5 * 60_000;

/** RFC 7636 + RFC 8252: the browser to the authorize page, the answer on a loopback port, the code exchanged with the verifier. */
async function pkceFlow(app: OAuthApp, endpoints: Endpoints, clientId: string, post: Post, io: Io, target: LoginTarget): Promise<TokenAnswer> {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  let settle: (result: { code?: string; error?: string }) => void = () => undefined;
  const answered = new Promise<{ code?: string; error?: string }>((resolve) => {
    settle = resolve;
  });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') return void response.writeHead(404).end();
    const ok = url.searchParams.get('state') === state;
    const error = ok ? (url.searchParams.get('error') ?? undefined) : 'state_mismatch';
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><title>toolbridge</title><p>${error ? 'The login did not complete' : 'Logged in'}: you can close this tab and return to the terminal.</p>`,
      );
    if (ok || !url.searchParams.get('code')) settle(error ? { error } : { code: url.searchParams.get('code') ?? '' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  try {
    const authorize = new URL(endpoints.authorize!);
    for (const [key, value] of Object.entries({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: app.scope,
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }))
      authorize.searchParams.set(key, value);
    io.err(`Opening your browser to log in to ${target.title}. If it does not open, visit:\n  ${authorize.href}`);
    openBrowser(authorize.href, io.place.env);
    const timer = setTimeout(() => settle({ error: 'timeout' }), PKCE_TIMEOUT_MS);
    const result = await answered.finally(() => clearTimeout(timer));
    if (result.error === 'access_denied') throw new Error('the authorization was denied in the browser; nothing was kept.');
    if (result.error === 'timeout') throw new Error(`no answer from the browser within ${PKCE_TIMEOUT_MS / 60_000} minutes; nothing was kept.`);
    if (result.error) throw new Error(`the login did not complete (${result.error}); nothing was kept.`);
    const answer = await post(endpoints.token, {
      grant_type: 'authorization_code',
      code: result.code!,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    });
    if (!answer.access_token) {
      throw new Error(
        `${target.title} refused the code (${answer.error ?? 'no token'}${answer.error_description ? `: ${answer.error_description}` : ''}); nothing was kept.`,
      );
    }
    return answer;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** $BROWSER when set, else the platform's opener; a failure leaves the printed URL to the user. */
function openBrowser(url: string, env: NodeJS.ProcessEnv): void {
  const [command, ...args] = env.BROWSER
    ? [env.BROWSER, url]
    : process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true, env });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // the URL is printed
  }
}

/** RFC 7009 revocation; false when the provider did not accept it. */
export async function revoke(credential: StoredCredential, env: NodeJS.ProcessEnv, target: LoginTarget): Promise<boolean> {
  const url = credential.oauth?.revokeUrl;
  if (!url) return false;
  try {
    const http = await loginHttp(env, target, new URL(url).origin);
    const response = await http.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: credential.token, token_type_hint: 'access_token', client_id: credential.oauth!.clientId }).toString(),
    });
    return response.ok;
  } catch {
    return false;
  }
}
