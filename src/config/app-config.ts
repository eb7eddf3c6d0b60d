import path from 'node:path';
import { z } from 'zod';
import { type DigestConfig, digestEnvShape, toDigestConfig } from './digest-config.js';
import { type SourcesConfig, sourcesEnvShape, syncCronFor, syncEnvShape, toSourcesConfig } from './sources-config.js';

/** The settings that only make sense with a bot token. */
const SLACK_SETTINGS = ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL'] as const;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Messages name the variable and what is wrong, never its value: a mistyped token pasted into the
 * wrong variable must not end up in a log.
 */
const envSchema = z
  .object({
    SLACK_BOT_TOKEN: z.string().trim().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
    SLACK_SIGNING_SECRET: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{16,}$/i, "must be the signing secret from the app's Basic Information page (hex)")
      .optional(),
    SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
    SLACK_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://slack.com/api/', abort: true })
      // The Web API client fetches `<SLACK_API_URL><method>`: fetch refuses a URL with credentials,
      // and the method name would land inside a query.
      .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), {
        error: 'must not contain a user name or password: the Web API client cannot send them',
        abort: true,
      })
      .refine((value) => !/[?#]/.test(value), {
        error: 'must not have a query or a fragment: the method name is appended to it',
      })
      .optional(),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(0, 'must be 0 to 65535')
      .max(65_535, 'must be 0 to 65535')
      .default(3000),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    DATA_DIR: z.string().trim().min(1, 'must not be empty when set').optional(),
    ...digestEnvShape,
    ...sourcesEnvShape,
    ...syncEnvShape,
  })
  .superRefine((env, ctx) => {
    // Any Slack setting means "connect to Slack": running the playground instead would hide the mistake.
    const partial = SLACK_SETTINGS.filter((name) => env[name] !== undefined);
    if (!env.SLACK_BOT_TOKEN && partial.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_BOT_TOKEN'],
        message: `is missing, but ${partial.join(' and ')} ${partial.length === 1 ? 'is' : 'are'} set: set the bot token (xoxb-…) to connect to Slack, or unset every SLACK_ setting to run the local playground`,
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
  });

interface CommonConfig {
  dataDir: string;
  logLevel: LogLevelName;
  /** Web API base; undefined means Slack's own. */
  slackApiUrl: string | undefined;
  digest: DigestConfig;
  sync: SyncConfig;
}

export interface SyncConfig {
  /** When the running app syncs the official lists; undefined: it does not (SYNC_CRON=off, or the playground unasked). */
  cron: string | undefined;
  /** The digest's time zone: SYNC_CRON runs in it, as DIGEST_CRON does. */
  timeZone: string;
  sources: SourcesConfig;
}

export type AppConfig =
  /** No Slack token: the local playground, its page on `port`. */
  | (CommonConfig & { mode: 'local'; port: number })
  /** `healthPort`: PORT when it was set, where /health is served; Socket Mode needs no port otherwise. */
  | (CommonConfig & { mode: 'socket'; botToken: string; appToken: string; healthPort?: number })
  | (CommonConfig & { mode: 'http'; botToken: string; signingSecret: string; port: number });

/** Connected to Slack, over Socket Mode or HTTP. */
export type SlackConfig = Exclude<AppConfig, { mode: 'local' }>;

/** A configuration the app cannot start with: one line per problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Reads and checks the environment. No Slack setting at all: the local playground. A bot token: Slack,
 * over Socket Mode when SLACK_APP_TOKEN is set, otherwise HTTP.
 */
export function readAppConfig(env: NodeJS.ProcessEnv, cwd: string): AppConfig {
  // An empty variable means "not set", as in most shells' `FOO= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const common: CommonConfig = {
    dataDir: path.resolve(cwd, values.DATA_DIR ?? 'data'),
    logLevel: values.LOG_LEVEL,
    slackApiUrl: values.SLACK_API_URL,
    digest: toDigestConfig(values),
    sync: {
      cron: syncCronFor(values.SYNC_CRON, values.SLACK_BOT_TOKEN !== undefined),
      timeZone: values.DIGEST_TZ,
      sources: toSourcesConfig(values),
    },
  };
  if (!values.SLACK_BOT_TOKEN) return { ...common, mode: 'local', port: values.PORT };
  if (values.SLACK_APP_TOKEN) {
    return {
      ...common,
      mode: 'socket',
      botToken: values.SLACK_BOT_TOKEN,
      appToken: values.SLACK_APP_TOKEN,
      ...(present.PORT !== undefined && { healthPort: values.PORT }),
    };
  }
  return {
    ...common,
    mode: 'http',
    botToken: values.SLACK_BOT_TOKEN,
    signingSecret: values.SLACK_SIGNING_SECRET as string,
    port: values.PORT,
  };
}
