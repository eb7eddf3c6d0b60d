import { type CliCommand, type CliContext, UsageError, writeLine } from './command.js';

/**
 * Each command's module is loaded only when that command runs: `start` and `digest` pull in Bolt,
 * the store and the database drivers, and loading those took longer than the rest of
 * `breachbot ask`'s modules together. Listed in the order the usage shows them.
 */
const COMMAND_MODULES: Readonly<Record<string, () => Promise<CliCommand>>> = {
  ask: async () => (await import('./commands/ask.js')).askCommand,
  stats: async () => (await import('./commands/stats.js')).statsCommand,
  latest: async () => (await import('./commands/latest.js')).latestCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  sync: async () => (await import('./commands/sync.js')).syncCommand,
  sources: async () => (await import('./commands/sources.js')).sourcesCommand,
  validate: async () => (await import('./commands/validate.js')).validateCommand,
  digest: async () => (await import('./commands/digest.js')).digestCommand,
  quiz: async () => (await import('./commands/quiz.js')).quizCommand,
  start: async () => (await import('./commands/start.js')).startCommand,
};

async function loadCommand(name: string): Promise<CliCommand | undefined> {
  const load = Object.hasOwn(COMMAND_MODULES, name) ? COMMAND_MODULES[name] : undefined;
  return load?.();
}

/** Loads every command, for its summary: only help and mistakes pay for that. */
async function usage(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMAND_MODULES).map((load) => load()));
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'breachbot: answers data-breach questions and says what to do about them.',
    '',
    'Usage: breachbot <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    "Run `breachbot <command> --help` for a command's options.",
    'Environment: DATA_DIR (default ./data) is where the cards, guidance and imports live.',
  ].join('\n');
}

export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(context.stdout, await usage());
    return name ? 0 : 2;
  }
  const command = await loadCommand(name);
  if (!command) {
    writeLine(context.stderr, `breachbot: unknown command "${name}".\n\n${await usage()}`);
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
