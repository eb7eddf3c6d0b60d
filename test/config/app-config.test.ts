import { describe, expect, it } from 'vitest';
import { ConfigError, readAppConfig } from '../../src/config/app-config.js';

const SECRET = '8f742231b10e8888abcd99aaaaaa85a5';
const BOT = 'xoxb-1234-5678-abcdef';
const APP = 'xapp-1-A123-456-abcdef';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    readAppConfig(env, '/srv');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('readAppConfig', () => {
  it('runs locally with no token, on ./data by default', () => {
    expect(readAppConfig({}, '/srv')).toMatchObject({ mode: 'local', dataDir: '/srv/data', logLevel: 'info' });
  });

  it('chooses Socket Mode when an app token is set, HTTP otherwise', () => {
    expect(readAppConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, '/srv')).toMatchObject({ mode: 'socket' });
    expect(
      readAppConfig(
        { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET, PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api/' },
        '/srv',
      ),
    ).toMatchObject({ mode: 'http', port: 8080, slackApiUrl: 'http://127.0.0.1:9/api/' });
  });

  it('says what is wrong with each setting, one line each, without echoing secrets', () => {
    const lines = problems({
      SLACK_BOT_TOKEN: 'xoxp-user-token-oops',
      SLACK_SIGNING_SECRET: 'not hex at all',
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SLACK_API_URL: 'ftp://slack',
    });
    expect(lines).toEqual([
      'SLACK_BOT_TOKEN: must be a bot token starting with xoxb-',
      "SLACK_SIGNING_SECRET: must be the signing secret from the app's Basic Information page (hex)",
      'SLACK_API_URL: must be an http(s) URL such as https://slack.com/api/',
      'PORT: must be a port number',
      'LOG_LEVEL: must be one of debug, info, warn, error',
    ]);
    expect(lines.join('\n')).not.toContain('xoxp-user-token-oops');
    expect(lines.join('\n')).not.toContain('not hex at all');
  });

  it('needs a signing secret for HTTP and a bot token for Socket Mode', () => {
    expect(problems({ SLACK_BOT_TOKEN: BOT })).toEqual([
      'SLACK_SIGNING_SECRET: is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  });

  it('refuses any Slack setting without the bot token, naming what is set, instead of starting the playground', () => {
    const missing = (set: string) =>
      `SLACK_BOT_TOKEN: is missing, but ${set} set: set the bot token (xoxb-…) to connect to Slack, or unset every SLACK_ setting to run the local playground`;
    expect(problems({ SLACK_APP_TOKEN: APP })).toEqual([missing('SLACK_APP_TOKEN is')]);
    expect(problems({ SLACK_SIGNING_SECRET: SECRET })).toEqual([missing('SLACK_SIGNING_SECRET is')]);
    expect(problems({ SLACK_API_URL: 'http://127.0.0.1:9/api/' })).toEqual([missing('SLACK_API_URL is')]);
    expect(problems({ SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: APP })).toEqual([
      missing('SLACK_SIGNING_SECRET and SLACK_APP_TOKEN are'),
    ]);
    expect(readAppConfig({ PORT: '4000' }, '/srv')).toMatchObject({ mode: 'local', port: 4000 });
  });

  it('treats an empty variable as unset', () => {
    expect(readAppConfig({ SLACK_BOT_TOKEN: '', PORT: '' }, '/srv')).toMatchObject({ mode: 'local' });
  });

  it('reads the digest and store settings, with their defaults', () => {
    expect(readAppConfig({}, '/srv').digest).toEqual({
      databaseUrl: 'sqlite:./var/breachbot.db',
      cron: '0 9 * * 1',
      trainingCron: '0 10 * * 3',
      timeZone: 'UTC',
      adminUserIds: undefined,
      recentDays: 60,
    });
    expect(
      readAppConfig(
        {
          DATABASE_URL: 'postgres://bot:pw@db.internal:5432/breachbot',
          DIGEST_CRON: '30 8 * * 5',
          TRAINING_CRON: '15 14 * * 4',
          DIGEST_TZ: 'Europe/Berlin',
          ADMIN_USER_IDS: 'U012ABCDEF, u034ghijkl',
          DIGEST_RECENT_DAYS: '30',
        },
        '/srv',
      ).digest,
    ).toEqual({
      databaseUrl: 'postgres://bot:pw@db.internal:5432/breachbot',
      cron: '30 8 * * 5',
      trainingCron: '15 14 * * 4',
      timeZone: 'Europe/Berlin',
      adminUserIds: ['U012ABCDEF', 'U034GHIJKL'],
      recentDays: 30,
    });
    expect(problems({ DIGEST_RECENT_DAYS: 'soon' })).toEqual(['DIGEST_RECENT_DAYS: must be a whole number of days']);
    expect(problems({ DIGEST_RECENT_DAYS: '0' })).toEqual(['DIGEST_RECENT_DAYS: must be 1 to 3650']);
  });

  it('says what is wrong with a digest or store setting, never echoing a database password', () => {
    const lines = problems({
      DATABASE_URL: 'mysql://root:hunter2@db/breachbot',
      DIGEST_CRON: '0 0 9 * * 1',
      DIGEST_TZ: 'Mars/Olympus_Mons',
      ADMIN_USER_IDS: 'alice,bob',
    });
    expect(lines).toEqual([
      'DATABASE_URL: must be sqlite:<path> or postgres://… (for example sqlite:./var/breachbot.db or postgres://user:password@host:5432/breachbot)',
      'DIGEST_CRON: must be a five-field cron expression such as "0 9 * * 1" (Mondays at 09:00)',
      'DIGEST_TZ: must be an IANA time zone such as UTC or Europe/Berlin',
      'ADMIN_USER_IDS: must be Slack user ids separated by commas, such as U012ABCDEF,U034GHIJKL',
    ]);
    expect(lines.join('\n')).not.toContain('hunter2');
  });

  it('refuses a DIGEST_CRON that fires more than once a day, in one line that says why', () => {
    const refused =
      'DIGEST_CRON: must fire at most once a day: a digest covers whole days, so give one minute and one hour, such as "0 9 * * 1" (Mondays at 09:00)';
    for (const cron of ['0 9,17 * * 1', '*/30 9 * * 1', '0 * * * *', '0 8-10 * * 1-5', '0 */12 * * *']) {
      expect(problems({ DIGEST_CRON: cron }), cron).toEqual([refused]);
    }
    for (const cron of ['0 9 * * 1', '30 8 * * 5', '0 9 * * 1-5', '0 9 1,15 * *', '00 07 * * *', '0 9-9 * * *']) {
      expect(problems({ DIGEST_CRON: cron }), cron).toEqual([]);
    }
  });

  it('refuses a TRAINING_CRON as it refuses a DIGEST_CRON, naming the training default', () => {
    expect(problems({ TRAINING_CRON: '0 0 10 * * 3' })).toEqual([
      'TRAINING_CRON: must be a five-field cron expression such as "0 10 * * 3" (Wednesdays at 10:00)',
    ]);
    expect(problems({ TRAINING_CRON: 'whenever' })).toHaveLength(1);
    const refused =
      'TRAINING_CRON: must fire at most once a day: each training post is the incident of one period of whole days, so give one minute and one hour, such as "0 10 * * 3" (Wednesdays at 10:00)';
    for (const cron of ['0 10,16 * * 3', '*/30 10 * * 3', '0 * * * *']) {
      expect(problems({ TRAINING_CRON: cron }), cron).toEqual([refused]);
    }
    for (const cron of ['0 10 * * 3', '30 8 * * 1-5', '00 07 * * *']) {
      expect(problems({ TRAINING_CRON: cron }), cron).toEqual([]);
    }
  });

  it('refuses a DATABASE_URL with an unencoded @ in its password, which would put part of it in the host', () => {
    const lines = problems({ DATABASE_URL: 'postgres://bob:p@ss/word@db.example:5432/breachbot' });
    expect(lines).toEqual([
      'DATABASE_URL: is not a valid postgres:// URL; if the password has @, :, / or # in it, write them as %40, %3A, %2F, %23',
    ]);
    expect(lines.join('\n')).not.toContain('ss/word');
    expect(problems({ DATABASE_URL: 'postgres://bob:p%40ss%2Fword@db.example:5432/breachbot' })).toEqual([]);
  });

  it('refuses a SLACK_API_URL with a user name, a password or a query, which no call could use, without echoing it', () => {
    const env = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };
    const withPassword = problems({ ...env, SLACK_API_URL: 'https://proxy:hunter2pw@proxy.example/api/' });
    expect(withPassword).toEqual([
      'SLACK_API_URL: must not contain a user name or password: the Web API client cannot send them',
    ]);
    expect(problems({ ...env, SLACK_API_URL: 'https://proxy.example/api/?key=abc' })).toEqual([
      'SLACK_API_URL: must not have a query or a fragment: the method name is appended to it',
    ]);
    expect(withPassword.join('\n')).not.toContain('hunter2pw');
  });

  it('serves /health in Socket Mode only on a PORT that was set', () => {
    expect(readAppConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, '/srv')).not.toHaveProperty('healthPort');
    expect(readAppConfig({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, PORT: '8081' }, '/srv')).toMatchObject({
      healthPort: 8081,
    });
  });
});
