import { responseProblems } from '../../../src/playground/emulator/limit-checks.js';
import {
  type AppResponse,
  type PostOptions,
  postToApp as postSignedToApp,
} from '../../../src/playground/emulator/sign-request.js';

export * from '../../../src/playground/emulator/sign-request.js';

/**
 * Signs and posts to the app as Slack does, and fails when the app's answer (a command's card, a
 * view submission's modal, an options list) breaks Block Kit's limits: Slack would refuse it.
 */
export async function postToApp(url: string, body: string, options: PostOptions): Promise<AppResponse> {
  const response = await postSignedToApp(url, body, options);
  const problems = responseProblems(response.json);
  if (problems.length > 0) {
    throw new Error(`the app's response breaks Block Kit's limits: ${problems.join('; ')}`);
  }
  return response;
}
