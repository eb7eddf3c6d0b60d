import { App, LogLevel } from '@slack/bolt';

/**
 * A Bolt app that never calls Slack: told who it is, so it makes no auth.test. Tests hand it
 * requests with `app.processEvent` to see which registered listener answers.
 */
export function offlineBoltApp(): App {
  return new App({
    token: 'xoxb-test',
    signingSecret: 'test-secret',
    botId: 'B0TESTBOT',
    botUserId: 'U0TESTBOT',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.ERROR,
  });
}
