export * from '../../../src/playground/emulator/payloads.js';
