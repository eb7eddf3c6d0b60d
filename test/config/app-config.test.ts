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
    expect(problems({ SLACK_APP_TOKEN: APP })).toEqual(['SLACK_BOT_TOKEN: is required with SLACK_APP_TOKEN']);
  });

  it('treats an empty variable as unset', () => {
    expect(readAppConfig({ SLACK_BOT_TOKEN: '', PORT: '' }, '/srv')).toMatchObject({ mode: 'local' });
  });
});
