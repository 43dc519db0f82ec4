import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Config path the flag sets (defaults < file < env < flags). */
  configPath?: string;
  /** The environment variable that sets the same thing (every flag that is a setting has one). */
  env?: string;
  /** For string flags that take a comma-separated list. */
  list?: boolean;
  /** Placeholder shown in --help, e.g. "<file>". */
  value?: string;
}

export const CORE_FLAGS: Record<string, FlagSpec> = {
  'read-only': {
    type: 'boolean',
    description: 'Only offer tools that do not modify anything',
    configPath: 'selection.readOnly',
    env: 'TOOLBRIDGE_READ_ONLY',
  },
  toolsets: {
    type: 'string',
    list: true,
    value: '<a,b|all>',
    description: "Enable these toolsets (default: the server's defaults)",
    configPath: 'selection.toolsets',
    env: 'TOOLBRIDGE_TOOLSETS',
  },
  tools: { type: 'string', list: true, value: '<x,y>', description: 'Offer exactly these tools', configPath: 'selection.tools', env: 'TOOLBRIDGE_TOOLS' },
  'exclude-tools': {
    type: 'string',
    list: true,
    value: '<x,y>',
    description: 'Never offer these tools (wins over everything)',
    configPath: 'selection.excludeTools',
    env: 'TOOLBRIDGE_EXCLUDE_TOOLS',
  },
  role: {
    type: 'string',
    value: '<read_only|developer|admin>',
    description: 'read_only: reads; developer: also non-destructive writes; admin: all',
    configPath: 'selection.role',
    env: 'TOOLBRIDGE_ROLE',
  },
  'log-level': {
    type: 'string',
    value: '<level>',
    description: 'debug, info, notice, warning or error',
    configPath: 'globalSettings.logLevel',
    env: 'TOOLBRIDGE_LOG_LEVEL',
  },
  config: { type: 'string', value: '<file>', description: 'JSON config file', env: 'TOOLBRIDGE_CONFIG' },
  'audit-log': {
    type: 'string',
    value: '<file>',
    description: 'Append one JSON line per tool call to this file',
    configPath: 'audit.file',
    env: 'TOOLBRIDGE_AUDIT_LOG',
  },
  'yes-i-know': {
    type: 'boolean',
    description: 'Run destructive operations without asking when the client cannot confirm',
    configPath: 'selection.yesIKnow',
    env: 'TOOLBRIDGE_YES_I_KNOW',
  },
  help: { type: 'boolean', description: 'Show this help' },
  version: { type: 'boolean', description: 'Show the version' },
};

export interface ParsedFlags {
  /** Raw values by flag name. */
  values: Record<string, string | boolean | string[] | undefined>;
  /** Values keyed by config path, for the flags layer of the config. */
  configValues: Record<string, unknown>;
}

export function parseFlags(argv: string[], specs: Record<string, FlagSpec>): ParsedFlags {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, { type: spec.type }])),
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new ConfigError('', (error as Error).message.replace(/\. To specify .*$/s, ''), {
      hint: 'Run with --help to see the accepted flags.',
    });
  }
  const values: ParsedFlags['values'] = {};
  const configValues: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(parsed.values)) {
    const spec = specs[name]!;
    const value =
      spec.list && typeof raw === 'string'
        ? raw
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean)
        : raw;
    values[name] = value as ParsedFlags['values'][string];
    if (spec.configPath) configValues[spec.configPath] = value;
  }
  return { values, configValues };
}

export function formatHelp(name: string, description: string, specs: Record<string, FlagSpec>, envHelp: string[]): string {
  const rows = Object.entries(specs).map(([flag, spec]) => {
    const left = `  --${flag}${spec.value ? ` ${spec.value}` : ''}`;
    return `${left.padEnd(40)} ${spec.description}${spec.env ? ` [env ${spec.env}]` : ''}`;
  });
  return [
    `${name}: ${description}`,
    '',
    `Usage: ${name} [flags]`,
    '',
    'Flags (a setting can also come from the environment variable in brackets):',
    ...rows,
    ...(envHelp.length ? ['', 'Environment:', ...envHelp.map((line) => `  ${line}`)] : []),
    '',
  ].join('\n');
}
