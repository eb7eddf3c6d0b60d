import { type Logger, LogLevel } from '@slack/bolt';

/** A Bolt logger that prints nothing: for tests whose clients log errors the test expects. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};
