import type { Logger } from '@slack/bolt';

/** The part of `process` this needs: tests hand in their own. */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  exit(code: number): void;
}

/**
 * What the running bot does with an error nothing caught, through its own (redacted) logger, as
 * one line with the stack, instead of Node's default that prints the error as it is.
 *
 * - A rejected promise nobody awaited is a bug, but the code that made it has finished: nothing is
 *   left half done, Slack retries what was not answered, so the bot logs it and keeps answering.
 * - An uncaught exception stopped code in the middle, so no state can be trusted any more: it is
 *   logged and the process exits with 1, for the supervisor to restart. Staying up would hide it.
 *
 * Returns a function that removes both handlers.
 */
export function watchProcessErrors(logger: Logger, proc: ProcessEvents = process): () => void {
  const onRejection = (reason: unknown) => {
    logger.error('A promise failed and nothing was waiting for it (a bug); the bot keeps running:', reason);
  };
  const onException = (error: Error) => {
    logger.error('Stopping on an uncaught exception (a bug); the process exits for its supervisor to restart:', error);
    proc.exit(1);
  };
  proc.on('unhandledRejection', onRejection);
  proc.on('uncaughtException', onException);
  return () => {
    proc.off('unhandledRejection', onRejection);
    proc.off('uncaughtException', onException);
  };
}
