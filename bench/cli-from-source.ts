/**
 * `breachbot` from the TypeScript sources, run with `node --import tsx`: how bin/breachbot.js ran before
 * the build, kept as bench/cli-timing.ts's baseline. The CLI itself is the same as in dist/.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
