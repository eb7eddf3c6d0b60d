import { inspect } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';

const REDACTED = '[redacted]';

/**
 * `scheme://user:password@`: up to the last @ before the path, so that an unencoded @ in the
 * password is taken out whole.
 */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*):[^\s/?#]*@/gi;
/** A URL's query, which may hold an access token for a privately hosted list. */
const URL_QUERY = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#'"<>()]*/gi;

/**
 * The text with every configured secret, every password in a URL and every URL's query taken out.
 * The configured secrets catch what the patterns cannot see: a token on its own, a password decoded.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let clean = text;
  for (const secret of secrets) {
    if (clean.includes(secret)) clean = clean.replaceAll(secret, REDACTED);
  }
  return clean.replace(URL_PASSWORD, `$1:${REDACTED}@`).replace(URL_QUERY, `$1?${REDACTED}`);
}

const ORDER = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * A logger that passes every line through `redactSecrets`. Bolt, its Web API clients and their
 * dependencies write lines of their own (a failed request's URL, an error's message), so filtering
 * what reaches the log is the one place that sees them all. Objects are rendered first, as the
 * console would, so that an error's message and stack are cleaned too.
 */
export function redactingLogger(inner: Logger, secrets: readonly string[]): Logger {
  const enabled = (level: LogLevel) => ORDER.indexOf(level) >= ORDER.indexOf(inner.getLevel());
  const clean = (messages: unknown[]) =>
    messages.map((message) =>
      redactSecrets(typeof message === 'string' ? message : inspect(message, { depth: 6, breakLength: 120 }), secrets),
    );
  return {
    debug: (...messages: unknown[]) => {
      if (enabled(LogLevel.DEBUG)) inner.debug(...clean(messages));
    },
    info: (...messages: unknown[]) => {
      if (enabled(LogLevel.INFO)) inner.info(...clean(messages));
    },
    warn: (...messages: unknown[]) => {
      if (enabled(LogLevel.WARN)) inner.warn(...clean(messages));
    },
    error: (...messages: unknown[]) => inner.error(...clean(messages)),
    setLevel: (level) => inner.setLevel(level),
    getLevel: () => inner.getLevel(),
    setName: (name) => inner.setName(name),
  };
}
