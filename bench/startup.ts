/**
 * How soon breachbot answers from the data it ships (about 8,800 official records and the curated
 * cards), measured from outside the process as a person or Slack would wait for it:
 *
 * - ready to answer: from spawning `node bin/breachbot.js start` (HTTP mode, against a local Slack
 *   emulator, an in-memory store) until a signed `/breach helthec` gets the HealthEC card back;
 * - search over the shipped dataset (`loadDataset` of data/): the index build, and p50/p99 and hit@1
 *   of the search benchmark's query set, made from these records as run-bench.ts makes it for the
 *   others.
 *
 * `breachbot ask helthec`, the whole process, is bench/cli-timing.ts's measurement, which runs the
 * same build on the same data. dist/ must be built from the current sources: run-bench.ts runs this
 * after that part, which builds it; `build` is there for a run on its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadDataset } from '../src/dataset/load-dataset.js';
import { postToApp, slashCommandBody } from '../src/playground/emulator/sign-request.js';
import { startSlackEmulator } from '../src/playground/emulator/web-api-server.js';
import { buildSearchIndex } from '../src/search/search-index.js';
import { build } from './cli-timing.js';
import { ms, table } from './format.js';
import { breachbotReplyProblem } from './http-bench.js';
import { seedFrom } from './prng.js';
import { buildQuerySet, INCIDENT_QUERY_KINDS, type IncidentQueryKind } from './query-set.js';
import { median, percentile, round } from './stats.js';

export const STARTUP_MEASUREMENTS = ['ready-to-answer', 'search-shipped'] as const;
export type StartupMeasurement = (typeof STARTUP_MEASUREMENTS)[number];

export const STARTUP_DEFAULTS = { readyRuns: 5 } as const;

/** Targets: printed next to the figures, never asserted. */
const TARGET_READY_MS = 3_000;
/** The search target at 10,000 records, the size of the shipped dataset. */
const TARGET_SEARCH_P99_MS = 5;
const TARGET_HIT1: Record<IncidentQueryKind, number> = { exact: 0.95, typo: 0.95, partial: 0.95, question: 0.85 };

/** As run-bench.ts asks of every dataset, so the figures compare. */
const QUERIES_PER_KIND = 52;
const WARMUP_PER_KIND = 50;

const READY_QUERY = { text: 'helthec', expect: 'HealthEC LLC' } as const;
/** Time a start may take before the run is called failed; far above the target. */
const READY_TIMEOUT_MS = 60_000;
const POLL_EVERY_MS = 10;
const REQUEST_TIMEOUT_MS = 5_000;

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const REPO_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));
const BOT_TOKEN = 'xoxb-1-bench';

export interface ReadyResultEntry {
  measurement: 'ready-to-answer';
  command: string;
  /** Counted runs, after one warm-up. */
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface SearchShippedResultEntry {
  measurement: 'search-shipped';
  records: number;
  queries: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  hit1: Record<IncidentQueryKind, number>;
}

export type StartupResultEntry = ReadyResultEntry | SearchShippedResultEntry;

/** As run-bench.ts measures search: the steady state, not the collector tidying up after the build. */
function collectGarbage(): void {
  let gc = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as unknown;
    } catch {
      return;
    }
  }
  if (typeof gc === 'function') (gc as () => void)();
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}

// ---------------------------------------------------------------------------------------------
// Ready to answer
// ---------------------------------------------------------------------------------------------

/** A port nobody listens on now, for the bot to listen on: polling needs it before the bot says it. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** What `start` reads, and only that: settings from the shell would change what is measured. */
function botEnv(slackApiUrl: string, signingSecret: string, port: number): NodeJS.ProcessEnv {
  const read = ['PORT', 'LOG_LEVEL', 'DATA_DIR', 'DATABASE_URL', 'DIGEST_CRON', 'DIGEST_TZ', 'ADMIN_USER_IDS'];
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('SLACK_') && name !== 'NODE_OPTIONS' && !read.includes(name),
    ),
  );
  return {
    ...env,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slackApiUrl,
    PORT: String(port),
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'error',
  };
}

async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Until a right answer: a refused connection means "not yet", a wrong answer fails the run. */
async function timeToAnswer(slackApiUrl: string): Promise<number> {
  const secret = randomBytes(16).toString('hex');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/slack/events`;
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/breachbot.js', 'start'], {
    cwd: REPO_ROOT,
    env: botEnv(slackApiUrl, secret, port),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`breachbot start exited ${child.exitCode}: ${stderr.trim()}`);
      if (performance.now() - started > READY_TIMEOUT_MS) throw new Error(`no answer within ${ms(READY_TIMEOUT_MS)}`);
      let response: Awaited<ReturnType<typeof postToApp>> | undefined;
      try {
        response = await postToApp(url, slashCommandBody({ text: READY_QUERY.text }), {
          signingSecret: secret,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
      } catch {
        // Not listening yet.
      }
      if (response) {
        const reply = {
          status: response.status,
          contentType: response.headers['content-type'] ?? '',
          text: response.text,
        };
        const problem = breachbotReplyProblem(reply, READY_QUERY.text, READY_QUERY.expect);
        if (problem) throw new Error(`breachbot's first answer is wrong: ${problem}`);
        return performance.now() - started;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
    }
  } finally {
    await stopBot(child);
  }
}

async function measureReady(runs: number): Promise<ReadyResultEntry> {
  const emulator = await startSlackEmulator();
  try {
    await timeToAnswer(emulator.url);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeToAnswer(emulator.url));
    const entry: ReadyResultEntry = {
      measurement: 'ready-to-answer',
      command: 'node bin/breachbot.js start',
      runs,
      medianMs: round(median(times), 1),
      minMs: round(Math.min(...times), 1),
      maxMs: round(Math.max(...times), 1),
    };
    console.log(
      `ready to answer (spawn of \`${entry.command}\`, HTTP mode, until \`/breach ${READY_QUERY.text}\` ` +
        `is answered), ${runs} runs after a warm-up: median ${ms(entry.medianMs)}, min ${ms(entry.minMs)}, ` +
        `max ${ms(entry.maxMs)}; target <= ${ms(TARGET_READY_MS)} ${mark(entry.medianMs <= TARGET_READY_MS)}`,
    );
    return entry;
  } finally {
    await emulator.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Search over the shipped dataset
// ---------------------------------------------------------------------------------------------

async function measureShippedSearch(): Promise<SearchShippedResultEntry> {
  const { dataset, problems } = await loadDataset(REPO_DATA_DIR);
  if (!dataset || problems.length > 0) {
    throw new Error(`data/ is invalid: ${problems.length} problems, first ${JSON.stringify(problems[0])}`);
  }
  const { incidents } = dataset;
  const queries = buildQuerySet(incidents, { seed: seedFrom('shipped queries'), perKind: QUERIES_PER_KIND }).incident;
  const warmup = buildQuerySet(incidents, {
    seed: seedFrom('shipped warm-up'),
    perKind: WARMUP_PER_KIND,
    dataTypeQueries: 0,
  }).incident;

  const buildStart = performance.now();
  const index = buildSearchIndex(incidents);
  const buildMs = performance.now() - buildStart;
  collectGarbage();
  for (const query of warmup) index.search(query.text, { limit: 10 });
  const outcomes = queries.map((query) => {
    const start = performance.now();
    const top = index.search(query.text, { limit: 10 }).hits[0]?.incident;
    return {
      kind: query.kind,
      ms: performance.now() - start,
      correct: top !== undefined && query.acceptIds.includes(top.id),
    };
  });
  const latencies = outcomes.map((outcome) => outcome.ms);
  const hit1 = Object.fromEntries(
    INCIDENT_QUERY_KINDS.map((kind) => {
      const ofKind = outcomes.filter((outcome) => outcome.kind === kind);
      return [kind, round(ofKind.filter((outcome) => outcome.correct).length / Math.max(1, ofKind.length), 3)];
    }),
  ) as Record<IncidentQueryKind, number>;
  const entry: SearchShippedResultEntry = {
    measurement: 'search-shipped',
    records: incidents.length,
    queries: queries.length,
    buildMs: round(buildMs, 3),
    p50Ms: round(median(latencies), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    hit1,
  };
  console.log(
    `search over the shipped dataset: ${entry.records.toLocaleString('en-US')} records (data/), ` +
      `${entry.queries} incident queries`,
  );
  console.log(
    table(
      ['build', 'p50', 'p99', ...INCIDENT_QUERY_KINDS],
      [
        [
          ms(entry.buildMs),
          ms(entry.p50Ms),
          ms(entry.p99Ms),
          ...INCIDENT_QUERY_KINDS.map((kind) => hit1[kind].toFixed(2)),
        ],
      ],
    ),
  );
  console.log(
    `targets: p99 <= ${TARGET_SEARCH_P99_MS} ms ${mark(entry.p99Ms <= TARGET_SEARCH_P99_MS)}; ` +
      INCIDENT_QUERY_KINDS.map(
        (kind) => `hit@1 ${kind} >= ${TARGET_HIT1[kind]} ${mark(hit1[kind] >= TARGET_HIT1[kind])}`,
      ).join('; '),
  );
  return entry;
}

export async function runStartupBench(
  options: { readyRuns: number; build?: boolean } = STARTUP_DEFAULTS,
): Promise<StartupResultEntry[]> {
  const started = performance.now();
  console.log('\n== start-up: the bot ready to answer, and search over the shipped dataset');
  if (options.build) await build();
  const ready = await measureReady(options.readyRuns);
  const search = await measureShippedSearch();
  console.log(`(start-up took ${ms(performance.now() - started)})`);
  return [ready, search];
}
