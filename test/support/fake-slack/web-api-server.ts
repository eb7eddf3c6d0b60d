export {
  RESPONSE_URL,
  type RecordedCall,
  type RecordedPost,
  type SlackEmulator as FakeSlack,
  type SlackEmulatorOptions as FakeSlackOptions,
  type SlackEmulatorWithSocketMode as FakeSlackWithSocketMode,
  startSlackEmulator as startFakeSlack,
} from '../../../src/slack-emulator/web-api-server.js';
