import type { StoredCredential } from '@toolbridge/core';
import { type Io, parseFlags, UsageError } from '../io.js';
import { readHidden, readStdin } from '../login/secret-input.js';
import { loginHttp, openStore, shadowingVariable, upstreamOf } from '../login/session.js';
import { LOGIN_TARGETS, type LoginTarget, loginTarget, type Verified } from '../login/targets.js';

const SERVICES = LOGIN_TARGETS.map((target) => target.service).join('|');

const HELP = `Usage: toolbridge login <${SERVICES}> [options]

Keeps a credential for a server, so that no token has to sit in an MCP client's configuration. The
servers read it when their environment variable (GITHUB_PERSONAL_ACCESS_TOKEN, SENTRY_AUTH_TOKEN...) is
not set. It is checked with one cheap read (against GITHUB_API_URL, SENTRY_URL... when set, as the server
would) before it is kept: in the OS keychain when one is available, else encrypted in the user's config
directory (TOOLBRIDGE_CREDENTIAL_STORE=keychain|file chooses).

Ways in:
  (default)           paste a token; the input is hidden
  --with-token        read the token from standard input (scripts, CI): echo "$TOKEN" | toolbridge login github --with-token
  --device            GitHub: the OAuth device flow (needs TOOLBRIDGE_GITHUB_CLIENT_ID, an OAuth app's client id)
  --web               Linear: OAuth in the browser with PKCE (needs TOOLBRIDGE_LINEAR_CLIENT_ID)

Options:
  -h, --help          this help`;

const OPTIONS = {
  'with-token': { type: 'boolean' },
  device: { type: 'boolean' },
  web: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The target named by the first argument, or a usage error listing the services. */
export function targetArgument(command: string, args: string[], help: string): { target: LoginTarget | undefined; rest: string[] } {
  const [service, ...rest] = args;
  if (service === undefined || service === '--help' || service === '-h') return { target: undefined, rest: service ? [service] : [] };
  const target = loginTarget(service);
  if (!target)
    throw new UsageError(
      `${command}: unknown service "${service}". Choose from: ${LOGIN_TARGETS.map((known) => known.service).join(', ')}.\n${help.split('\n')[0]}`,
    );
  return { target, rest };
}

export async function run(args: string[], io: Io): Promise<number> {
  const { target, rest } = targetArgument('login', args, HELP);
  const flags = parseFlags('login', rest, OPTIONS);
  if (flags.help || !target) {
    io.out(HELP);
    return target || flags.help ? 0 : 2;
  }
  const env = io.place.env;
  if ([flags['with-token'], flags.device, flags.web].filter(Boolean).length > 1) throw new UsageError('login: choose one of --with-token, --device and --web.');
  let credential: StoredCredential;
  if (flags.device || flags.web) {
    const { oauthLogin } = await import('../login/oauth.js');
    credential = await oauthLogin(target, flags.device ? 'device' : 'pkce', io);
  } else {
    const token = flags['with-token'] ? await readStdin() : await askForToken(target, io);
    if (!token) throw new UsageError(`login: no token was given. ${flags['with-token'] ? 'Pipe it to standard input.' : ''}`.trim());
    const verified = await verify(target, token, env);
    credential = stored(target, token, 'token', verified, env);
  }
  const store = await openStore(env);
  await store.put(credential);
  io.out(`✓ Logged in to ${target.title} as ${credential.identity}; kept in ${store.location}.`);
  const shadow = shadowingVariable(target, env);
  if (shadow) io.out(`  Note: ${shadow} is set in this environment, and a server started with it uses that instead.`);
  return 0;
}

async function askForToken(target: LoginTarget, io: Io): Promise<string> {
  if (!io.interactive || !process.stdin.isTTY) {
    throw new UsageError(`login: no terminal to ask on. Pipe the token in with --with-token: echo "$TOKEN" | toolbridge login ${target.service} --with-token`);
  }
  io.err(`To get a ${target.title} token: ${target.howToGet}.`);
  return readHidden(`Paste the ${target.title} token (hidden): `);
}

/** One cheap read with the token, against the base URL the server would use; a refusal is worded with the fix. */
export async function verify(target: LoginTarget, token: string, env: NodeJS.ProcessEnv): Promise<Verified> {
  const baseUrl = target.baseUrl(env);
  const { describeError, registerSecret } = await import('@toolbridge/core');
  registerSecret(token);
  const http = await loginHttp(env, target, baseUrl);
  try {
    return await target.verify(http, baseUrl, token);
  } catch (error) {
    throw new Error(`the token was not kept: ${describeError(error, await upstreamOf(target))}`);
  }
}

export function stored(target: LoginTarget, token: string, method: StoredCredential['method'], verified: Verified, env: NodeJS.ProcessEnv): StoredCredential {
  const baseUrl = target.baseUrl(env);
  return {
    service: target.service,
    token,
    method,
    identity: verified.identity,
    ...(verified.scopes ? { scopes: verified.scopes } : {}),
    ...(verified.expiresAt ? { expiresAt: verified.expiresAt } : {}),
    ...(baseUrl !== target.baseUrl({}) ? { baseUrl } : {}),
    savedAt: new Date().toISOString(),
  };
}
