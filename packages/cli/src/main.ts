import pkg from '../package.json' with { type: 'json' };
import { COMMANDS } from './commands/index.js';
import { type Io, UsageError } from './io.js';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    `toolbridge ${pkg.version}: set up and check the toolbridge MCP servers`,
    '',
    'Usage: toolbridge <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `toolbridge <command> --help` for its options.',
  ].join('\n');
}

/** Runs the command line; returns the exit code (0 ok, 1 a check failed or an error, 2 a usage mistake). */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(pkg.version);
    return 0;
  }
  try {
    const command = COMMANDS[name];
    if (!command) {
      // Loaded only on this path: core is large, and every other start of the CLI stays lean.
      const { closestName } = await import('@toolbridge/core');
      const closest = closestName(name, Object.keys(COMMANDS));
      throw new UsageError(`unknown command "${name}".${closest ? ` Did you mean "${closest}"?` : ''} Run \`toolbridge --help\` for the commands.`);
    }
    return await (await command.load()).run(args, io);
  } catch (error) {
    io.err(`toolbridge: ${(error as Error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}
