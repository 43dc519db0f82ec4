import type { CredentialStore, HttpClient, UpstreamAdapter } from '@toolbridge/core';
import type { LoginTarget } from './targets.js';

/**
 * Core's sandboxed HTTP client (egress checks, proxies, limits) allowed to reach the given origins, its
 * failures named after the service and quoting its own words.
 */
export async function loginHttp(env: NodeJS.ProcessEnv, target: LoginTarget, ...origins: string[]): Promise<HttpClient> {
  const { coreConfigSchema, createHttpClient } = await import('@toolbridge/core');
  const http = createHttpClient({
    config: coreConfigSchema.parse({ globalSettings: { cacheEnabled: false, retryAttempts: 1 } }),
    env,
    upstream: await upstreamOf(target),
  });
  for (const origin of origins) http.allowBaseUrl(origin);
  return http;
}

/** How errors from the service are worded: its name, its own words, and where a working token comes from. */
export async function upstreamOf(target: LoginTarget): Promise<UpstreamAdapter> {
  const { classifyStatus } = await import('@toolbridge/core');
  return {
    service: target.title,
    credential: 'the token',
    hints: { auth: `Check the token: ${target.howToGet}.`, forbidden: `The token lacks a permission: ${target.howToGet}.` },
    classify: (answer) => {
      if (answer.status < 400) return undefined;
      const body = answer.json() as { message?: string; detail?: string; error?: string; error_description?: string } | undefined;
      const said = body?.message ?? body?.detail ?? body?.error_description ?? body?.error;
      return { ...classifyStatus(answer), ...(typeof said === 'string' ? { message: said } : {}) };
    },
  };
}

export async function openStore(env: NodeJS.ProcessEnv): Promise<CredentialStore> {
  const { openCredentialStore } = await import('@toolbridge/core');
  return openCredentialStore(env);
}

/**
 * The services with a credential kept by `toolbridge login`, as the environment's store sees it; none
 * when the store cannot be read (doctor and init then fall back to the variables).
 */
export async function keptServices(env: NodeJS.ProcessEnv, services: readonly string[]): Promise<Set<string>> {
  try {
    const store = await openStore(env);
    return new Set(services.filter((service) => store.get(service)));
  } catch {
    return new Set();
  }
}

/** The first of the server's variables that is set: it wins over anything stored. */
export const shadowingVariable = (target: LoginTarget, env: NodeJS.ProcessEnv) => target.variables.find((name) => env[name]);
