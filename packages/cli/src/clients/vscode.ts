// VS Code, as documented at https://code.visualstudio.com/docs/copilot/reference/mcp-configuration (checked for
// this writer): `.vscode/mcp.json` in the workspace or mcp.json in the user profile folder, `{ "servers": {
// name: { type: "stdio", command, args, env, envFile } }, "inputs": [...] }`. Secrets go through inputs
// (`{ type: "promptString", id, description, password: true }`, referenced as `${input:id}`): VS Code asks once
// and keeps the answer in its secret storage. `${env:NAME}`, `${userHome}` and `${workspaceFolder}` are expanded.
import { join } from 'node:path';
import { editorExpander, launchWith } from './expand.js';
import { appendAt, entriesAt, mergeJsonServers, parseConfig, readJsonServers } from './json-config.js';
import { appDataDir, projectRelative } from './paths.js';
import type { ConfigProblem, McpClient, SecretReference } from './types.js';

const inputId = (secret: SecretReference) => `toolbridge-${secret.variable.toLowerCase().replaceAll('_', '-')}`;
const INPUT = /^\$\{input:([^}]+)\}$/;

const userFile = (place: Parameters<McpClient['file']>[1]) => join(appDataDir(place), 'Code', 'User', 'mcp.json');

const missingVariableFix = (name: string): string => `Set ${name} in the environment VS Code starts from, or use an input or "envFile".`;

export const vscode: McpClient = {
  id: 'vscode',
  title: 'VS Code',
  docs: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
  secretsFrom: 'prompt',
  missingFix: missingVariableFix,
  scopes: ['project', 'user'],
  defaultScope: 'project',
  file: (scope, place) => (scope === 'project' ? join(place.cwd, '.vscode', 'mcp.json') : userFile(place)),
  configFiles: (place) => [
    { scope: 'project', file: join(place.cwd, '.vscode', 'mcp.json') },
    { scope: 'user', file: userFile(place) },
  ],
  configArgument: (scope, path, place) => projectRelative(scope, path, place, '${workspaceFolder}'),
  render(existing, plans, options) {
    const merged = mergeJsonServers(existing, plans, {
      ...options,
      path: ['servers'],
      entry: (plan) => ({
        type: 'stdio',
        command: plan.command,
        args: plan.args,
        ...(plan.secrets.length ? { env: Object.fromEntries(plan.secrets.map((secret) => [secret.variable, `\${input:${inputId(secret)}}`])) } : {}),
      }),
    });
    let text = merged.text;
    const inputs = entriesAt(text, parseConfig(text, options.file), [], options.file).find((entry) => entry.name === 'inputs')?.value;
    const known = new Set(Array.isArray(inputs) ? inputs.map((input: { id?: unknown }) => input.id) : []);
    for (const secret of merged.added.flatMap((plan) => plan.secrets)) {
      if (known.has(inputId(secret))) continue;
      known.add(inputId(secret));
      text = appendAt(text, ['inputs'], { type: 'promptString', id: inputId(secret), description: secret.description, password: true });
    }
    return { text, notes: merged.notes };
  },
  read: (text, file) => readJsonServers('vscode', text, file, ['servers']),
  launch(entry, place) {
    // VS Code keeps inputs in its secret storage, out of doctor's reach: the same variable in doctor's own
    // environment stands in for it, and without one the check says so.
    const problems: ConfigProblem[] = [];
    const env = Object.fromEntries(
      Object.entries(entry.env).flatMap(([name, value]) => {
        const input = INPUT.exec(value)?.[1];
        if (!input) return [[name, value]];
        if (place.env[name]) return [[name, place.env[name]]];
        problems.push({
          message: `${entry.file}:${entry.line}: "${entry.name}" takes ${name} from the VS Code input "${input}", kept in VS Code's secret storage`,
          fix: `Run doctor with ${name} set to the same value to check it (VS Code asks for it when it starts the server).`,
        });
        return [];
      }),
    );
    const launch = launchWith({ ...entry, env }, place, {
      expand: editorExpander,
      inherit: 'all',
      missingFix: missingVariableFix,
    });
    return { ...launch, problems: [...problems, ...launch.problems] };
  },
};
