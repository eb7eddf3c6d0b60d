export * from '../../../src/slack-emulator/payloads.js';
