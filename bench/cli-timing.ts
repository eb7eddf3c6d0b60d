/**
 * The whole process of `breachbot ask helthec`, from spawn to exit: bin/breachbot.js on the compiled
 * build against the same CLI run from the TypeScript sources through tsx (bench/cli-from-source.ts),
 * which is how the bin ran before the build. Each run is a new process, so this is what a person at a
 * terminal waits for: Node's start, loading the modules, reading the cards, the answer.
 *
 * Runs alternate between the two, so that both share a shared machine's noise; the first run of each
 * is a warm-up (the disk cache, tsx's compile cache) and is not counted.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ms, table } from './format.js';
import { median, round } from './stats.js';

export const CLI_RUNNERS = ['compiled', 'tsx-source'] as const;
export type CliRunner = (typeof CLI_RUNNERS)[number];

export const CLI_DEFAULTS = { runs: 7, query: 'helthec' } as const;

/** `breachbot ask` on the shipped data, the whole process: printed, never asserted. */
const TARGET_ASK_MS = 1_200;

export interface CliResultEntry {
  runner: CliRunner;
  command: string;
  /** Counted runs, after one warm-up. */
  runs: number;
  medianMs: number;
  minMs: number;
  /** Peak resident memory of the process, median over the runs; null where Node could not say. */
  maxRssMb: number | null;
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');

/**
 * Loaded into both runners alike: the process's own peak RSS, written to fd 3 as it exits. Cheaper and
 * more portable than /usr/bin/time, which is not everywhere.
 */
const REPORT_RSS =
  'data:text/javascript,' +
  encodeURIComponent(
    "import{writeSync}from'node:fs';" +
      "process.on('exit',()=>{try{writeSync(3,String(process.resourceUsage().maxRSS))}catch{}});",
  );

function runnerArgs(runner: CliRunner, query: string): { shown: string; args: string[] } {
  const cli = ['ask', query];
  return runner === 'compiled'
    ? { shown: `node bin/breachbot.js ${cli.join(' ')}`, args: [`--import=${REPORT_RSS}`, 'bin/breachbot.js', ...cli] }
    : {
        shown: `node --import tsx bench/cli-from-source.ts ${cli.join(' ')}`,
        args: ['--import', 'tsx', `--import=${REPORT_RSS}`, 'bench/cli-from-source.ts', ...cli],
      };
}

interface Run {
  ms: number;
  maxRssKb: number | undefined;
}

/** Only the environment the CLI reads by default: a DATA_DIR or NODE_OPTIONS from the shell would skew one side. */
function childEnv(): NodeJS.ProcessEnv {
  const { DATA_DIR: _dataDir, NODE_OPTIONS: _nodeOptions, ...rest } = process.env;
  return rest;
}

function runOnce(runner: CliRunner, query: string): Promise<Run> {
  const { args, shown } = runnerArgs(runner, query);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let rss = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      rss += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const elapsed = performance.now() - started;
      // A fast wrong answer would be a meaningless win.
      if (code !== 0 || !/^HealthEC\b/.test(stdout)) {
        reject(new Error(`${shown} exited ${code} without the HealthEC card:\n${stdout}${stderr}`.trim()));
        return;
      }
      const maxRssKb = Number(rss);
      resolve({ ms: elapsed, maxRssKb: rss && Number.isFinite(maxRssKb) ? maxRssKb : undefined });
    });
  });
}

/** What `npm run build` runs: the compiled figures must be of these sources, not of an older dist/. */
export function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`npm run build failed (tsc exit ${code})`)),
    );
  });
}

export async function runCliTiming(options: { runs: number; query: string } = CLI_DEFAULTS): Promise<CliResultEntry[]> {
  const started = performance.now();
  console.log(
    `\n== cli: \`breachbot ask ${options.query}\`, the whole process, ${options.runs} runs each ` +
      '(alternating, after a warm-up each)',
  );
  await build();
  const runs: Record<CliRunner, Run[]> = { compiled: [], 'tsx-source': [] };
  for (const runner of CLI_RUNNERS) await runOnce(runner, options.query);
  for (let i = 0; i < options.runs; i++) {
    const order = i % 2 === 0 ? CLI_RUNNERS : [...CLI_RUNNERS].reverse();
    for (const runner of order) runs[runner].push(await runOnce(runner, options.query));
  }

  const entries = CLI_RUNNERS.map((runner): CliResultEntry => {
    const times = runs[runner].map((run) => run.ms);
    const rss = runs[runner].flatMap((run) => (run.maxRssKb === undefined ? [] : [run.maxRssKb]));
    return {
      runner,
      command: runnerArgs(runner, options.query).shown,
      runs: times.length,
      medianMs: round(median(times), 1),
      minMs: round(Math.min(...times), 1),
      maxRssMb: rss.length === runs[runner].length ? round(median(rss) / 1024, 1) : null,
    };
  });
  console.log(
    table(
      ['runner', 'median', 'min', 'peak RSS'],
      entries.map((entry) => [
        entry.runner,
        ms(entry.medianMs),
        ms(entry.minMs),
        entry.maxRssMb === null ? '-' : `${entry.maxRssMb} MB`,
      ]),
    ),
  );
  for (const entry of entries) console.log(`${entry.runner}: ${entry.command}`);
  const [compiled, source] = entries as [CliResultEntry, CliResultEntry];
  console.log(
    `compiled ${ms(compiled.medianMs)} vs tsx ${ms(source.medianMs)} (medians): tsx takes ` +
      `${(source.medianMs / compiled.medianMs).toFixed(2)}x as long, ${ms(source.medianMs - compiled.medianMs)} more`,
  );
  // On the data the repository ships, as the runs read ./data: the official lists and the cards.
  console.log(
    `target: compiled median <= ${ms(TARGET_ASK_MS)} ${compiled.medianMs <= TARGET_ASK_MS ? '✓' : '✗'} (${ms(compiled.medianMs)})`,
  );
  console.log(`(cli took ${ms(performance.now() - started)})`);
  return entries;
}
