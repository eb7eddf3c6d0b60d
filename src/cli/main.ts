import { type CliCommand, type CliContext, UsageError, writeLine } from './command.js';
import { askCommand } from './commands/ask.js';
import { digestCommand } from './commands/digest.js';
import { importCommand } from './commands/import.js';
import { latestCommand } from './commands/latest.js';
import { startCommand } from './commands/start.js';
import { statsCommand } from './commands/stats.js';
import { validateCommand } from './commands/validate.js';

const COMMANDS: readonly CliCommand[] = [
  askCommand,
  statsCommand,
  latestCommand,
  importCommand,
  validateCommand,
  digestCommand,
  startCommand,
];

function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'breachbot: answers data-breach questions and says what to do about them.',
    '',
    'Usage: breachbot <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `breachbot <command> --help` for a command's options.",
    'Environment: DATA_DIR (default ./data) is where the cards, guidance and imports live.',
  ].join('\n');
}

export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(context.stdout, usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    writeLine(context.stderr, `breachbot: unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(context.stdout, command.help);
    return 0;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) {
      writeLine(context.stderr, `breachbot ${command.name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    writeLine(context.stderr, `breachbot ${command.name}: ${(error as Error).message}`);
    return 1;
  }
}

function processContext(): CliContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
