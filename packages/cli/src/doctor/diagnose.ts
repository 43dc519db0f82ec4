// Turns what went wrong into the fix a person can act on. The servers' own messages already say a lot (core
// makes every error actionable): these add where to change it (the config file, the variable, the client line).
import { resolve } from 'node:path';
import type { StartFailure } from '../mcp-client.js';
import type { Finding } from './check.js';
import type { Target } from './targets.js';

const MESSAGE_LIMIT = 600;
const cut = (text: string) => (text.length > MESSAGE_LIMIT ? `${text.slice(0, MESSAGE_LIMIT)}…` : text);

/** The toolbridge.config.json the server reads (--config, else TOOLBRIDGE_CONFIG), as a path. */
export function configFileOf(target: Target): string | undefined {
  const index = target.args.indexOf('--config');
  const file = index >= 0 ? target.args[index + 1] : target.env.TOOLBRIDGE_CONFIG;
  return file ? resolve(target.cwd, file) : undefined;
}

/** The variable holding the server's credential, as the target's environment has it. */
function credentialVariable(target: Target): string {
  const [name] = target.server.requires;
  const variable = target.server.variables.find((candidate) => candidate.name === name);
  return [name, ...(variable?.alternatives ?? [])].find((candidate) => candidate && target.env[candidate]) ?? name ?? 'the credential';
}

const howToGet = (target: Target) => {
  const variable = target.server.variables.find((candidate) => candidate.name === target.server.requires[0]);
  return variable?.howToGet ? ` (${variable.howToGet})` : '';
};

/** The fix for a tool call the server refused, by what its message says went wrong. */
export function diagnoseRefusal(target: Target, text: string): Finding {
  const message = cut(text.trim());
  const config = configFileOf(target) ?? 'the config file (--config or TOOLBRIDGE_CONFIG)';
  const egress = /\(refused by (security\.\w+)\)/.exec(text)?.[1];
  if (egress) return { message, fix: `The egress sandbox refused the request: change ${egress} in ${config}.` };
  const variable = credentialVariable(target);
  if (/\b401\b|unauthori[sz]ed|invalid_auth|not_authed|missing, invalid or expired|password authentication failed|access denied for user/i.test(text))
    return { message, fix: `The credential in ${variable} was refused: replace it${howToGet(target)}.` };
  if (/\b403\b|forbidden|scope|permission|not allowed|missing_scope/i.test(text))
    return { message, fix: `The credential in ${variable} lacks a permission this read needs: grant it${howToGet(target)}.` };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|unreachable|could not connect|getaddrinfo|connect ECONN/i.test(text))
    return { message, fix: `The host is unreachable from here: check the address (${variable} or the server's URL setting), the network and any proxy.` };
  return { message, fix: 'See the message above: it is the server’s own explanation.' };
}

/** The last lines a server wrote to stderr before it stopped: its own explanation (a config error, a crash). */
const stderrTail = (stderr: string) =>
  stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-4)
    .join(' | ');

/** The fix for a server that did not answer tools/list. */
export function diagnoseStartFailure(target: Target, failure: StartFailure, timeoutMs: number): Finding {
  const where = target.where === 'environment' ? '' : ` (${target.where})`;
  if (failure.code === 'ENOENT')
    return {
      message: `"${target.command}" was not found${where}`,
      fix:
        target.command === 'npx'
          ? 'Install Node.js 20.19 or later (it brings npx), or point the entry at an installed server.'
          : `Check the command of "${target.name}"${where}: rerun \`toolbridge init --replace\` to rewrite it.`,
    };
  const said = stderrTail(failure.stderr);
  if (/timed out|timeout/i.test(failure.message))
    return {
      message: `no answer to initialize within ${Math.round(timeoutMs / 1000)} s${said ? `: ${cut(said)}` : ''}`,
      fix:
        target.command === 'npx'
          ? `npx may still be downloading ${target.server.package}: run \`npx -y ${target.server.package} --version\` once, then retry.`
          : 'Run the command by hand to see where it hangs.',
    };
  const config = configFileOf(target);
  return {
    message: cut(said || failure.message),
    fix:
      /config|unknown key|expected/i.test(said) && config
        ? `Fix the setting named above in ${config} (or the flag or variable it names).`
        : `The server stopped before answering: run \`${[target.command, ...target.args].join(' ')}\` to see why.`,
  };
}
