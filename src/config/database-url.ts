import { z } from 'zod';

/** A SQLite file under ./var/, relative to the working directory: nothing to install or run. */
export const DEFAULT_DATABASE_URL = 'sqlite:./var/breachbot.db';

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const EXAMPLES = 'sqlite:./var/breachbot.db or postgres://user:password@host:5432/breachbot';

/**
 * DATABASE_URL's value, checked. Messages say what is wrong without repeating the value, which may
 * hold a password; the config module prefixes the variable's name, as for every other setting.
 */
export const databaseUrlSchema = z
  .string({ error: `must be sqlite:<path> or postgres://… (for example ${EXAMPLES})` })
  .trim()
  .transform((value, ctx): DatabaseLocation => {
    const problem = (message: string) => {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (/^postgres(ql)?:\/\//i.test(value)) {
      // A second @ is one left unencoded in the password: with a / after it as well, the URL parses
      // with part of the password as the host, which messages would then show.
      if (!URL.canParse(value) || value.split('@').length > 2) {
        return problem(
          'is not a valid postgres:// URL; if the password has @, :, / or # in it, write them as %40, %3A, %2F, %23',
        );
      }
      return { kind: 'postgres', url: value };
    }
    if (/^sqlite:/i.test(value)) {
      const file = value.slice('sqlite:'.length);
      if (file.startsWith('//')) {
        return problem(
          `must be sqlite:<path> with the path right after the colon, not sqlite://… (for example ${EXAMPLES})`,
        );
      }
      if (file === '') return problem(`must name a file after sqlite: (for example ${EXAMPLES})`);
      return { kind: 'sqlite', path: file };
    }
    return problem(`must be sqlite:<path> or postgres://… (for example ${EXAMPLES})`);
  });

/** Like `databaseUrlSchema`, throwing one line that names DATABASE_URL. `sqlite::memory:` is a private in-memory database. */
export function parseDatabaseUrl(value: string): DatabaseLocation {
  const parsed = databaseUrlSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new Error(`DATABASE_URL: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
}
