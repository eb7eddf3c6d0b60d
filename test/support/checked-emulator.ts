/**
 * The Slack emulator (src/playground/emulator) for tests, checked: these two fail a test whose app
 * sends anything over Block Kit's limits, because Slack would refuse it.
 */
import { type LimitChecks, responseProblems } from '../../src/playground/emulator/limit-checks.js';
import { type AppResponse, type PostOptions, postToApp } from '../../src/playground/emulator/sign-request.js';
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  type SlackEmulatorWithSocketMode,
  startSlackEmulator,
} from '../../src/playground/emulator/web-api-server.js';

/** Throws, listing each one, when the app sent anything that breaks Block Kit's limits. */
function expectNoLimitViolations(limits: LimitChecks): void {
  if (limits.violations.length === 0) return;
  const lines = limits.violations.map(({ where, problems }) => `- ${where}: ${problems.join('; ')}`);
  throw new Error(`the app sent ${lines.length} thing(s) that break Block Kit's limits:\n${lines.join('\n')}`);
}

/**
 * The emulator, except that `close()` fails when the app sent it anything over Block Kit's limits.
 * Every test file closes its emulator, so every message, view and response that any test makes
 * the app produce is checked, not only those a test thought to look at.
 */
export function startCheckedEmulator(
  options: SlackEmulatorOptions & { socketMode: true },
): Promise<SlackEmulatorWithSocketMode>;
export function startCheckedEmulator(options?: SlackEmulatorOptions): Promise<SlackEmulator>;
export async function startCheckedEmulator(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  const emulator = await startSlackEmulator(options);
  const close = emulator.close;
  emulator.close = async () => {
    await close();
    expectNoLimitViolations(emulator.limits);
  };
  return emulator;
}

/**
 * Signs and posts to the app as Slack does (`postToApp`), and fails when the app's answer (a
 * command's card, a view submission's modal, an options list) breaks Block Kit's limits.
 */
export async function postCheckedToApp(url: string, body: string, options: PostOptions): Promise<AppResponse> {
  const response = await postToApp(url, body, options);
  const problems = responseProblems(response.json);
  if (problems.length > 0) {
    throw new Error(`the app's response breaks Block Kit's limits: ${problems.join('; ')}`);
  }
  return response;
}
