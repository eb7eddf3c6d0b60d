export * from '../../../src/slack-emulator/sign-request.js';
