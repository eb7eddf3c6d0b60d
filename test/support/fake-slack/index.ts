/**
 * The Slack emulator under the names the tests have always used. It lives in src/slack-emulator,
 * where the playground runs it too. Here `startFakeSlack` and `postToApp` also fail a test whose app
 * sends anything over Block Kit's limits.
 */
export type { Fault } from '../../../src/slack-emulator/faults.js';
export { DEFAULT_IDS as FAKE_IDS } from '../../../src/slack-emulator/ids.js';
export * from '../../../src/slack-emulator/payloads.js';
export {
  type Envelope,
  type EnvelopeType,
  type SocketAck,
  type SocketModeEmulator as FakeSocketMode,
  type SocketModeEmulatorOptions as FakeSocketModeOptions,
  startSocketModeEmulator as startFakeSocketMode,
} from '../../../src/slack-emulator/socket-mode-server.js';
export type {
  ChannelSpec,
  ChannelVisibility,
  UserSpec,
  Workspace,
  WorkspaceOptions,
} from '../../../src/slack-emulator/workspace.js';
export * from './sign-request.js';
export * from './web-api-server.js';
