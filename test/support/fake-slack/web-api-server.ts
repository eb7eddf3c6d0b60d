import type { LimitChecks } from '../../../src/playground/emulator/limit-checks.js';
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  type SlackEmulatorWithSocketMode,
  startSlackEmulator,
} from '../../../src/playground/emulator/web-api-server.js';

export {
  RESPONSE_URL,
  type RecordedCall,
  type RecordedPost,
  type SlackEmulator as FakeSlack,
  type SlackEmulatorOptions as FakeSlackOptions,
  type SlackEmulatorWithSocketMode as FakeSlackWithSocketMode,
} from '../../../src/playground/emulator/web-api-server.js';

/** Throws, listing each one, when the app sent anything that breaks Block Kit's limits. */
export function expectNoLimitViolations(limits: LimitChecks): void {
  if (limits.violations.length === 0) return;
  const lines = limits.violations.map(({ where, problems }) => `- ${where}: ${problems.join('; ')}`);
  throw new Error(`the app sent ${lines.length} thing(s) that break Block Kit's limits:\n${lines.join('\n')}`);
}

/**
 * The emulator, except that `close()` fails when the app sent it anything over Block Kit's limits.
 * Every test file closes its fake Slack, so every message, view and response that any test makes
 * the app produce is checked, not only those a test thought to look at.
 */
export function startFakeSlack(
  options: SlackEmulatorOptions & { socketMode: true },
): Promise<SlackEmulatorWithSocketMode>;
export function startFakeSlack(options?: SlackEmulatorOptions): Promise<SlackEmulator>;
export async function startFakeSlack(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const fake = await startSlackEmulator(options);
  const close = fake.close;
  fake.close = async () => {
    await close();
    expectNoLimitViolations(fake.limits);
  };
  return fake;
}
