import * as z from 'zod';
import { parseSize } from './size.js';

export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const size = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const bytes = parseSize(value);
  if (bytes === undefined || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: `expected a size like "10MB", "512KB" or a number of bytes above 0, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return bytes;
});

const domain = z
  .string()
  .regex(/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$|^\[?[0-9a-f:.]+\]?$/i, {
    message: 'expected a host name like "api.github.com" or a wildcard like "*.sentry.io" (no scheme, no path)',
  })
  .transform((host) => host.toLowerCase());

export const globalSettingsSchema = z.object({
  maxConcurrentConnections: z.number().int().min(1).max(1000).default(10),
  /** Per-request time limit in ms. */
  connectionTimeout: z.number().int().min(100).max(600_000).default(30_000),
  /** Time limit of a whole tool call in ms, retries and waits included: well under the 60 s many clients allow. */
  callTimeout: z.number().int().min(1_000).max(3_600_000).default(45_000),
  retryAttempts: z.number().int().min(0).max(10).default(3),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  cacheEnabled: z.boolean().default(true),
  /** Seconds. */
  cacheTTL: z.number().int().min(0).max(86_400).default(60),
  /** Characters a single tool result may use before lists and long text are cut. */
  maxOutputChars: z.number().int().min(1_000).max(10_000_000).default(40_000),
  /** Longest wait (ms) for a rate limit or Retry-After before failing with "retry at ...". */
  maxRetryWait: z.number().int().min(0).max(600_000).default(60_000),
  circuitBreaker: z
    .object({
      failureThreshold: z.number().int().min(1).max(1000).default(5),
      /** ms the circuit stays open before a probe is allowed. */
      cooldown: z.number().int().min(10).max(600_000).default(30_000),
    })
    .default({ failureThreshold: 5, cooldown: 30_000 }),
});

export const securitySchema = z.object({
  enableSandbox: z.boolean().default(true),
  allowedDomains: z.array(domain).optional(),
  blockedDomains: z.array(domain).default([]),
  maxRequestSize: size.default(10 * 1024 * 1024),
  maxResponseSize: size.default(50 * 1024 * 1024),
  rateLimit: z
    .object({
      requests: z.number().int().min(1).max(1_000_000).default(100),
      /** ms */
      window: z.number().int().min(1).max(86_400_000).default(60_000),
    })
    .default({ requests: 100, window: 60_000 }),
  /** An HTTP(S) proxy for every upstream request; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
  proxy: z
    .object({
      url: z
        .string()
        .url()
        .refine((value) => /^https?:\/\//i.test(value), { message: 'expected an http:// or https:// proxy URL like "http://proxy.corp:3128"' }),
      /** Hosts reached directly (NO_PROXY syntax: "internal.corp", ".corp", "10.0.0.1:8080"); NO_PROXY when absent. */
      noProxy: z.array(z.string().min(1)).optional(),
    })
    .optional(),
  /** Mask e-mail addresses, phone numbers, card numbers and IBANs in tool results and the audit log. */
  maskPii: z.boolean().default(false),
  // Read by the database server, which is moving them to its own section (database.readOnly, ...).
  readOnly: z.boolean().optional(),
  allowedTables: z.array(z.string().min(1)).optional(),
  deniedTables: z.array(z.string().min(1)).optional(),
});

/** A parse that happens once per start: not worth zod's JIT (see parseOrThrow). */
const ONCE = { jitless: true } as const;

export const auditSchema = z.object({
  /** Append one JSON line per tool call to this file. */
  file: z.string().min(1).optional(),
});

const oauthApp = z.object({ clientId: z.string().min(1) });

/** OAuth apps `toolbridge login --device / --web` uses (TOOLBRIDGE_GITHUB_CLIENT_ID... win); no secret, only public client ids. */
export const oauthSchema = z.object({ github: oauthApp.optional(), linear: oauthApp.optional() });

export const ROLES = ['read_only', 'developer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Which tools a server offers; set by flags, env or the config file. */
export const selectionSchema = z.object({
  readOnly: z.boolean().default(false),
  toolsets: z.array(z.string().min(1)).min(1, 'names no toolset: leave it out for the defaults, or name at least one').optional(),
  tools: z.array(z.string().min(1)).min(1, 'names no tool: leave it out, or name at least one').optional(),
  excludeTools: z.array(z.string().min(1)).default([]),
  role: z.enum(ROLES).default('admin'),
  /** Run destructive operations without confirmation when the client cannot be asked. */
  yesIKnow: z.boolean().default(false),
});

/** The servers' own sections: one config file may hold them all, each server reading its own. */
export const SERVER_SECTIONS = ['github', 'slack', 'linear', 'sentry', 'database'] as const;

export const coreConfigSchema = z.object({
  selection: selectionSchema.default(selectionSchema.parse({}, ONCE)),
  globalSettings: globalSettingsSchema.default(globalSettingsSchema.parse({}, ONCE)),
  security: securitySchema.default(securitySchema.parse({}, ONCE)),
  audit: auditSchema.default({}),
  oauth: oauthSchema.default({}),
});

export type GlobalSettings = z.output<typeof globalSettingsSchema>;
export type SecuritySettings = z.output<typeof securitySchema>;
export type Selection = z.output<typeof selectionSchema>;
export type CoreConfig = z.output<typeof coreConfigSchema>;
