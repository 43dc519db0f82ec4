import type { StoredCredential } from '@toolbridge/core';
import { type Io, parseFlags, UsageError } from '../io.js';
import { openStore, shadowingVariable } from '../login/session.js';
import { LOGIN_TARGETS } from '../login/targets.js';
import { table } from '../table.js';

const HELP = `Usage: toolbridge auth status [--json]

For each service: whether a credential is kept, where (the OS keychain or the encrypted file), whose it
is, its scopes and when it expires, and whether an environment variable overrides it. Never the value.

Options:
  --json              the same as JSON
  -h, --help          this help`;

interface Row {
  service: string;
  kept: 'keychain' | 'file' | null;
  where: string | null;
  identity: string | null;
  scopes: string[] | null;
  expires: string | null;
  method: StoredCredential['method'] | null;
  /** A variable that is set and wins over the stored credential. */
  overriddenBy: string | null;
}

export async function run(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const flags = parseFlags('auth', sub === 'status' ? rest : args, { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const);
  if (flags.help || sub === undefined) {
    io.out(HELP);
    return flags.help ? 0 : 2;
  }
  if (sub !== 'status') throw new UsageError(`auth: unknown subcommand "${sub}". Run \`toolbridge auth status\`.`);
  const env = io.place.env;
  const store = await openStore(env);
  const rows: Row[] = LOGIN_TARGETS.map((target) => {
    const credential = store.get(target.service);
    return {
      service: target.service,
      kept: credential ? store.kind : null,
      where: credential ? store.location : null,
      identity: credential?.identity ?? null,
      scopes: credential?.scopes ?? null,
      expires: credential?.expiresAt ?? null,
      method: credential?.method ?? null,
      overriddenBy: shadowingVariable(target, env) ?? null,
    };
  });
  if (flags.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const now = Date.now();
  io.out(
    table(
      ['service', 'kept in', 'identity', 'scopes', 'expires', 'note'],
      rows.map((row) => [
        row.service,
        row.kept ?? '-',
        row.identity ?? '-',
        row.scopes?.join(', ') || '-',
        row.expires ? describeExpiry(row.expires, now) : row.kept ? 'never' : '-',
        [row.method && row.method !== 'token' ? `OAuth (${row.method})` : '', row.overriddenBy ? `${row.overriddenBy} is set and wins` : '']
          .filter(Boolean)
          .join('; '),
      ]),
    ),
  );
  const where = rows.find((row) => row.where)?.where;
  io.out(where ? `\nKept in ${where}.` : `\nNothing kept yet: run \`toolbridge login <service>\`.`);
  return 0;
}

function describeExpiry(iso: string, now: number): string {
  const left = Date.parse(iso) - now;
  if (left <= 0) return `${iso.slice(0, 10)} (expired: run toolbridge login)`;
  const days = Math.floor(left / 86_400_000);
  return `${iso.slice(0, 16).replace('T', ' ')} UTC (${days ? `in ${days} day${days === 1 ? '' : 's'}` : 'today'})`;
}
