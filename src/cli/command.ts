import type { Readable, Writable } from 'node:stream';

/** What a command may touch: injected, so tests run commands in-process against temp directories. */
export interface CliContext {
  stdout: Writable;
  stderr: Writable;
  /** Defaults to the process's standard input. */
  stdin?: Readable;
  /** Ends a command that runs until stopped (`start`); without it, Ctrl-C or SIGTERM does. */
  stop?: AbortSignal;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full help text, printed by `breachbot <command> --help`. */
  help: string;
  run(args: string[], context: CliContext): Promise<number>;
}

/** A mistake in how the command was called: printed with the command's help, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}

/** Resolves when a command that runs until stopped should stop. */
export function stopRequested(context: CliContext): Promise<void> {
  const { stop } = context;
  if (stop) {
    return stop.aborted ? Promise.resolve() : new Promise((resolve) => stop.addEventListener('abort', () => resolve()));
  }
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
