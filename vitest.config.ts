import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Some tests spawn bin/breachbot.js, which runs the compiled build: compile it first.
    globalSetup: ['test/support/build-once.ts'],
    // The import tests parse the full HHS exports; give slow shared CI machines room.
    testTimeout: 60_000,
    // A skipped or focused suite must never pass CI silently.
    allowOnly: false,
  },
});
