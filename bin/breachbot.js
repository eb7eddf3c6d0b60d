#!/usr/bin/env node
// Runs the compiled build in dist/, which `npm install` makes through the prepare script: plain
// JavaScript starts without compiling TypeScript in every process.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  // A missing build is a setup step, not a bug: say the step instead of showing a stack trace.
  console.error('breachbot is not built (no dist/): run `npm install`, which builds it, or `npm run build`.');
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
