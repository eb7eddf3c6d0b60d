/**
 * The Slack emulator under the names the tests have always used. It lives in src/slack-emulator,
 * where the playground runs it too. Here `startFakeSlack` and `postToApp` also fail a test whose app
 * sends anything over Block Kit's limits.
 */
export type { Fault } from '../../../src/playground/emulator/faults.js';
export { DEFAULT_IDS as FAKE_IDS } from '../../../src/playground/emulator/ids.js';
export * from '../../../src/playground/emulator/payloads.js';
export {
  type Envelope,
  type EnvelopeType,
  type SocketAck,
  type SocketModeEmulator as FakeSocketMode,
  type SocketModeEmulatorOptions as FakeSocketModeOptions,
  startSocketModeEmulator as startFakeSocketMode,
} from '../../../src/playground/emulator/socket-mode-server.js';
export type {
  ChannelSpec,
  ChannelVisibility,
  UserSpec,
  Workspace,
  WorkspaceOptions,
} from '../../../src/playground/emulator/workspace.js';
export * from './sign-request.js';
export * from './web-api-server.js';
