import type { SecuritySettings } from '../config/schema.js';
import type { FetchLike } from './client.js';

/** Where requests go through a proxy, and which hosts skip it. Empty strings mean "none". */
export interface ProxyRoute {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/**
 * The proxy settings in force: `security.proxy` from the config file when set (it names the proxy for both
 * schemes), else the usual variables, lower-case first as curl reads them. Undefined when there is none.
 */
export function proxyRoute(security: Pick<SecuritySettings, 'proxy'>, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const noProxy = env.no_proxy ?? env.NO_PROXY ?? '';
  if (security.proxy) {
    const { url, noProxy: configured } = security.proxy;
    return { httpProxy: url, httpsProxy: url, noProxy: configured ? configured.join(',') : noProxy };
  }
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? '';
  if (!httpProxy && !httpsProxy) return undefined;
  return { httpProxy, httpsProxy: httpsProxy || httpProxy, noProxy };
}

/**
 * A transport through the proxy: undici's fetch with its EnvHttpProxyAgent (CONNECT tunnels, NO_PROXY
 * matching). undici is imported at the first request, so a server without a proxy never loads it. TLS to
 * the target uses Node's default trust store, which includes NODE_EXTRA_CA_CERTS.
 */
export function proxiedTransport(route: ProxyRoute): FetchLike {
  let ready: Promise<FetchLike> | undefined;
  const load = async (): Promise<FetchLike> => {
    const loaded = await import('undici');
    // Bundled into a server's bin, the CommonJS module may come as the default export only.
    const { EnvHttpProxyAgent, fetch } = typeof loaded.EnvHttpProxyAgent === 'function' ? loaded : (loaded as unknown as { default: typeof loaded }).default;
    // Explicit values (empty ones included) keep undici from reading process.env behind the settings' back.
    const dispatcher = new EnvHttpProxyAgent(route);
    return (input, init) => fetch(input as string, { ...(init as object), dispatcher } as never) as unknown as Promise<Response>;
  };
  return async (input, init) => {
    ready ??= load();
    return (await ready)(input, init);
  };
}

/** What a proxy's refusal to open a tunnel means, from undici's error; undefined for other failures. */
export function proxyRefusal(error: unknown): string | undefined {
  // undici wraps it: TypeError('fetch failed') → DOMException → the dispatcher's error.
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const message = (current as Error).message ?? '';
    const status = /Proxy response \((\d{3})\)/.exec(message)?.[1] ?? (/Proxy Authentication Required/.test(message) ? '407' : undefined);
    if (!status) continue;
    return status === '407'
      ? 'the proxy asked for credentials (407): put them in the proxy URL (http://user:password@proxy:port)'
      : `the proxy refused the tunnel (${status})`;
  }
  return undefined;
}
