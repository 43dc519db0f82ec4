import { EgressDeniedError } from '../errors.js';

export interface EgressOptions {
  enabled: boolean;
  /** Hosts allowed by configuration; wildcards like "*.sentry.io" match subdomains. */
  allowedDomains: readonly string[];
  blockedDomains: readonly string[];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

function matches(host: string, pattern: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

const defaultPort = (url: URL): string => url.port || (url.protocol === 'https:' ? '443' : '80');

/**
 * Decides whether a request may leave the process. Blocked domains always win. A base URL the user
 * configured explicitly allows its own origin (scheme, host and port) even when not in allowedDomains;
 * hosts in allowedDomains (and the servers' defaults) are reached on https's port only.
 */
export class EgressPolicy {
  private readonly implicitOrigins = new Set<string>();

  constructor(private readonly options: EgressOptions) {}

  /** Allows the origin of a base URL the user configured (GitHub Enterprise, self-hosted Sentry, a test fake). */
  allowBaseUrl(baseUrl: string): void {
    const url = new URL(baseUrl);
    this.implicitOrigins.add(`${url.protocol}//${url.hostname.toLowerCase()}:${defaultPort(url)}`);
  }

  check(url: URL): void {
    const host = url.hostname.toLowerCase();
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(host))) {
      throw new EgressDeniedError('security.egress', `egress to ${url.protocol}//${host} is not allowed: only https is (plain http only for loopback)`, {
        hint: 'Use an https:// URL for the upstream.',
      });
    }
    if (this.options.blockedDomains.some((pattern) => matches(host, pattern))) {
      throw new EgressDeniedError('security.blockedDomains', `egress to ${host} is blocked by security.blockedDomains`, {
        hint: `Remove ${host} from security.blockedDomains if this request is intended.`,
      });
    }
    const origin = `${url.protocol}//${host}:${defaultPort(url)}`;
    if (this.implicitOrigins.has(origin)) return;
    if (!this.options.enabled) return;
    const sameHost = [...this.implicitOrigins].find((allowed) => new URL(allowed).hostname === host);
    if (sameHost && !this.options.allowedDomains.some((pattern) => matches(host, pattern))) {
      throw new EgressDeniedError('security.allowedDomains', `egress to ${origin} is not allowed: only the configured base URL's origin ${sameHost} is`, {
        hint: 'A redirect or link to another port or scheme of the upstream host is refused; configure that origin as the base URL if it is intended.',
      });
    }
    if (defaultPort(url) !== '443' && !isLoopback(host)) {
      throw new EgressDeniedError(
        'security.allowedDomains',
        `egress to ${host} on port ${defaultPort(url)} is not allowed: allowed hosts are reached on port 443`,
        {
          hint: `Configure the upstream's base URL with that port if it is intended (its origin is then allowed).`,
        },
      );
    }
    if (!this.options.allowedDomains.some((pattern) => matches(host, pattern))) {
      throw new EgressDeniedError('security.allowedDomains', `egress to ${host} is not allowed by security.allowedDomains`, {
        hint: `Add "${host}" to security.allowedDomains in the config file if this upstream is trusted.`,
      });
    }
  }
}
