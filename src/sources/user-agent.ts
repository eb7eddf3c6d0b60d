import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Read at run time because package.json sits outside the compiled tree; from src/sources/ and from
 * dist/sources/ alike it is two folders up.
 */
function packageVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  const parsed = z.object({ version: z.string().min(1) }).safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data.version : 'unknown';
}

/** HIBP's API refuses a request whose User-Agent does not name the client; the others get the same. */
export const USER_AGENT = `breachbot/${packageVersion()} breach-awareness Slack app`;
