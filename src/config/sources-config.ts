import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';

export const DEFAULT_HIBP_API_URL = 'https://haveibeenpwned.com/api/v3';
/** The Washington open-data portal's CSV export of the Attorney General's list. */
export const DEFAULT_WA_AG_URL = 'https://data.wa.gov/api/views/sb4j-ca4h/rows.csv?accessType=DOWNLOAD';

function httpUrl(example: string) {
  return z.url({ protocol: /^https?$/, error: `must be an http(s) URL such as ${example}` });
}

/**
 * Where `breachbot sync` downloads each official list. HHS OCR has no default: its portal offers
 * no stable download address, so the operator hosts an export and names it. Like every setting, a
 * message never echoes the value: a URL may carry a token.
 */
export const sourcesEnvShape = {
  HIBP_API_URL: httpUrl(DEFAULT_HIBP_API_URL).default(DEFAULT_HIBP_API_URL),
  WA_AG_URL: httpUrl('https://data.wa.gov/api/views/sb4j-ca4h/rows.csv').default(DEFAULT_WA_AG_URL),
  HHS_OCR_URL: httpUrl('https://files.example.org/hhs_breach_report.csv').optional(),
};

/** Every 6 hours, on the hour: HIBP and the state lists change a few times a week at most. */
export const DEFAULT_SYNC_CRON = '0 */6 * * *';

/**
 * When the running app syncs the lists. `off` turns it off. Unset, a bot connected to Slack syncs on
 * the default, and the local playground does not: a demo makes no outside request unasked.
 */
export const syncEnvShape = {
  SYNC_CRON: z
    .string()
    .trim()
    .refine((value) => value.toLowerCase() === 'off' || (value.split(/\s+/).length === 5 && isValidCron(value)), {
      error: 'must be "off" or a five-field cron expression such as "0 */6 * * *" (every 6 hours)',
    })
    .optional(),
};

/** SYNC_CRON as set (undefined when unset), for a bot that is or is not connected to Slack. */
export function syncCronFor(value: string | undefined, connectedToSlack: boolean): string | undefined {
  if (value === undefined) return connectedToSlack ? DEFAULT_SYNC_CRON : undefined;
  return value.toLowerCase() === 'off' ? undefined : value;
}

const sourcesEnvSchema = z.object(sourcesEnvShape);

export interface SourcesConfig {
  /** The list itself, not the API base: `${HIBP_API_URL}/breaches`. */
  hibpUrl: string;
  waAgUrl: string;
  /** Undefined: HHS OCR is not synced. */
  hhsOcrUrl: string | undefined;
}

export function toSourcesConfig(values: z.output<typeof sourcesEnvSchema>): SourcesConfig {
  return {
    hibpUrl: `${values.HIBP_API_URL.replace(/\/+$/, '')}/breaches`,
    waAgUrl: values.WA_AG_URL,
    hhsOcrUrl: values.HHS_OCR_URL,
  };
}

/** Reads the list addresses; throws one line per bad setting, naming the variable. */
export function readSourcesConfig(env: NodeJS.ProcessEnv): SourcesConfig {
  // An empty variable means "not set", as for every other setting.
  const present = Object.fromEntries(
    Object.keys(sourcesEnvShape).flatMap((name) => {
      const value = env[name]?.trim();
      return value ? [[name, value]] : [];
    }),
  );
  const parsed = sourcesEnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return toSourcesConfig(parsed.data);
}
