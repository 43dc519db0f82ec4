import type { Io } from '../io.js';
import { parseFlags } from '../io.js';
import { openStore, shadowingVariable } from '../login/session.js';
import { LOGIN_TARGETS } from '../login/targets.js';
import { targetArgument } from './login.js';

const HELP = `Usage: toolbridge logout <${LOGIN_TARGETS.map((target) => target.service).join('|')}>

Forgets the credential \`toolbridge login\` kept for the service (in the OS keychain and the encrypted
file); an OAuth token is revoked at the provider first, when it offers revocation.

Options:
  -h, --help          this help`;

export async function run(args: string[], io: Io): Promise<number> {
  const { target, rest } = targetArgument('logout', args, HELP);
  const flags = parseFlags('logout', rest, { help: { type: 'boolean', short: 'h' } } as const);
  if (flags.help || !target) {
    io.out(HELP);
    return target || flags.help ? 0 : 2;
  }
  const env = io.place.env;
  const store = await openStore(env);
  const existing = store.get(target.service);
  if (existing?.oauth?.revokeUrl) {
    const { revoke } = await import('../login/oauth.js');
    const revoked = await revoke(existing, env, target);
    io.out(
      revoked
        ? `Revoked the ${target.title} token at the provider.`
        : `Could not revoke the ${target.title} token at the provider; it is forgotten here all the same.`,
    );
  }
  const removed = await store.remove(target.service);
  io.out(removed ? `✓ Forgot the ${target.title} credential (${store.location}).` : `No ${target.title} credential was kept; nothing to forget.`);
  const shadow = shadowingVariable(target, env);
  if (shadow) io.out(`  Note: ${shadow} is still set in this environment; servers started with it keep using it.`);
  return 0;
}
