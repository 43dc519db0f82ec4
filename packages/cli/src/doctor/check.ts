import type { ConfigProblem } from '../clients/types.js';
import { keptServices } from '../login/session.js';
import { loginTarget } from '../login/targets.js';
import { type RunningServer, StartFailure, startServer } from '../mcp-client.js';
import { ToolRefusal } from '../registry/identity.js';
import type { ServerEntry } from '../registry/index.js';
import { diagnoseRefusal, diagnoseStartFailure } from './diagnose.js';
import type { Target } from './targets.js';

export type Status = 'ok' | 'warning' | 'failed';

export interface Finding {
  message: string;
  fix: string;
}

export interface CheckResult {
  server: string;
  name: string;
  where: string;
  status: Status;
  tools?: number;
  identity?: string;
  /** ms from spawn to the tools/list answer. */
  startupMs?: number;
  problems: Finding[];
  warnings: Finding[];
}

/**
 * Required variables (or an alternative the server reads) missing from the environment the server gets;
 * none when `toolbridge login` kept the server's credential (the server reads it from the store).
 */
async function missingVariables(server: ServerEntry, target: Target, known: readonly ConfigProblem[]): Promise<Finding[]> {
  if ((await keptServices(target.env, [server.id])).has(server.id)) return [];
  return server.requires.flatMap((name) => {
    const variable = server.variables.find((candidate) => candidate.name === name);
    const names = [name, ...(variable?.alternatives ?? [])];
    if (names.some((candidate) => target.env[candidate])) return [];
    if (known.some((problem) => names.some((candidate) => problem.message.includes(candidate)))) return [];
    const how = variable?.howToGet ? ` To get one: ${variable.howToGet}.` : '';
    const login = loginTarget(server.id) ? ` Or run \`toolbridge login ${server.id}\` once: the server then needs no variable.` : '';
    return [{ message: `${name} is not set (${variable?.description ?? 'needed'})`, fix: `${target.missingFix(name)}${how}${login}` }];
  });
}

/** Tools the server took back once it had checked its credential (tools/list_changed), e.g. for missing scopes. */
async function withdrawnTools(running: RunningServer): Promise<string[]> {
  if (!(await running.toolListChanged(500))) return [];
  const now = new Set((await running.listTools()).map((tool) => tool.name));
  return running.tools.map((tool) => tool.name).filter((name) => !now.has(name));
}

async function checkRunning(target: Target, running: RunningServer, result: CheckResult): Promise<void> {
  const { server } = target;
  result.tools = running.tools.length;
  result.startupMs = Math.round(running.timings.toolsList);
  if (!running.tools.some((tool) => tool.name === server.identity.tool)) {
    result.warnings.push({
      message: `the credential was not checked: ${server.identity.tool} is not offered under this configuration`,
      fix: `Enable the toolset of ${server.identity.tool} (or drop it from --exclude-tools) to let doctor check the credential.`,
    });
    return;
  }
  try {
    const reading = await server.identity.read({ instructions: running.instructions, call: ({ tool, args }) => running.call(tool, args) });
    result.identity = reading.identity;
    result.warnings.push(...(reading.warnings ?? []));
  } catch (error) {
    if (!(error instanceof ToolRefusal)) throw error;
    result.problems.push(diagnoseRefusal(target, error.message));
    return;
  }
  const withdrawn = await withdrawnTools(running);
  if (withdrawn.length)
    result.warnings.push({
      message: `${withdrawn.length} tool(s) withdrawn after the credential check: ${withdrawn.join(', ')}`,
      fix: 'The credential lacks the permissions these tools need: grant them, or leave the tools out.',
    });
}

/** Starts the server as its client would, lists its tools and checks its credential with one cheap read. */
export async function checkTarget(target: Target, timeoutMs: number): Promise<CheckResult> {
  const result: CheckResult = { server: target.server.id, name: target.name, where: target.where, status: 'ok', problems: [], warnings: [] };
  result.problems.push(...target.problems, ...(await missingVariables(target.server, target, target.problems)));
  let running: RunningServer | undefined;
  try {
    running = await startServer({ command: target.command, args: target.args, env: target.env, cwd: target.cwd }, timeoutMs);
    // A credential already known to be missing would only fail again: the tools still say the server starts.
    if (result.problems.length) {
      result.tools = running.tools.length;
      result.startupMs = Math.round(running.timings.toolsList);
    } else {
      await checkRunning(target, running, result);
    }
  } catch (error) {
    if (!(error instanceof StartFailure)) throw error;
    // A server that stops for a variable already reported missing says the same thing again.
    const finding = diagnoseStartFailure(target, error, timeoutMs);
    if (!target.server.requires.some((name) => result.problems.some((problem) => problem.message.includes(name)) && finding.message.includes(name)))
      result.problems.push(finding);
  } finally {
    await running?.close().catch(() => undefined);
  }
  result.status = result.problems.length ? 'failed' : result.warnings.length ? 'warning' : 'ok';
  return result;
}
