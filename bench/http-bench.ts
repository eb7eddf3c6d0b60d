/**
 * End-to-end `/breach` through Bolt's HTTP receiver on loopback: the real breachbot app over the full
 * dataset against a bare Bolt app that only acks, measured in the same run (see run-bench.ts).
 *
 * Each app runs in its own process (bench/http-app-process.ts), so the load generator here and the
 * app under test do not share an event loop; on a 2-core machine each gets a core. Rounds alternate
 * between the apps and the median round is reported, because a shared machine's noise comes in bursts.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { FORM, signedHeaders, slashCommandBody } from '../src/playground/emulator/sign-request.js';
import { ms, table } from './format.js';
import {
  type AppFailed,
  type AppReady,
  type AppStart,
  BARE_REPLY,
  type CpuUsageReply,
  type CpuUsageRequest,
  HTTP_APPS,
  type HttpAppName,
} from './http-protocol.js';
import { type LoadResult, type LoadSummary, runLoad, summarizeLoad } from './load-generator.js';
import { medianItem, median as medianOf, round } from './stats.js';

export interface HttpBenchOptions {
  hhsCsv: string;
  concurrency: number;
  /** Per app and round. */
  requests: number;
  rounds: number;
  /** Per app, before the first round: JIT, caches and keep-alive sockets. */
  warmup: number;
  /** A round stops starting requests after this long, whatever `requests` says. */
  maxRoundMs: number;
}

export const HTTP_DEFAULTS = {
  concurrency: 8,
  requests: 2_000,
  rounds: 5,
  warmup: 2_000,
  maxRoundMs: 30_000,
} as const satisfies Omit<HttpBenchOptions, 'hhsCsv'>;

export interface HttpResultEntry {
  app: HttpAppName;
  /** Of the median round (by rps). */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  concurrency: number;
  /** Requests answered in the median round, and rounds measured. */
  requests: number;
  rounds: number;
  /** Wrong or failed responses over the warm-up and every round: anything but 0 voids the figures. */
  errors: number;
  /**
   * CPU time (user + system) of the app's process per request answered, median over the rounds:
   * steadier than rps on a shared machine, since it does not count the time the app waited for a core.
   */
  cpuUsPerRequest: number;
  /** The version of @slack/bolt both apps ran on. */
  bolt: string;
  records?: number;
}

/** Targets from issue #4: printed next to the figures, never asserted. */
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 20;
const REQUEST_TIMEOUT_MS = 5_000;
const START_TIMEOUT_MS = 180_000;

/**
 * What people type after `/breach`, mixed roughly as a channel would ask: mostly names (often
 * misspelt) and questions, some checklists and totals. `expect` is in the reply (its fallback text
 * or its blocks) when the answer is the right one, so a fast wrong answer never counts as throughput.
 */
const QUERIES: readonly { text: string; expect: string }[] = [
  { text: 'helthec', expect: 'HealthEC LLC' },
  { text: 'was ARx Patient Solutions hacked?', expect: 'ARx Patient Solutions' },
  { text: 'change healthcare', expect: 'Change Healthcare' },
  { text: 'steps ssn', expect: 'What to do: Social Security numbers' },
  { text: 'equifx', expect: 'Equifax Inc.' },
  { text: 'erlanger health', expect: 'Erlanger Health' },
  { text: 'what happened with ticketmaster', expect: 'Ticketmaster' },
  { text: 'stats', expect: 'incidents, ' },
  { text: 'premra blue cross', expect: 'Premera Blue Cross' },
  { text: 'kansas child patient prescription breach', expect: 'ARx Patient Solutions' },
  { text: 'anthem 2015', expect: 'Anthem' },
  { text: 'wisconsin department of health services', expect: 'Wisconsin Department of Health Services' },
  { text: 'is my data in the mgm breach', expect: 'MGM Resorts International' },
  { text: 'kaiser permanante', expect: 'Kaiser Permanente' },
  { text: 'what do I do if my medical records leaked', expect: 'What to do: Medical record numbers' },
  { text: 'latest', expect: 'Newest disclosures' },
  { text: 'ARx Patient Solutions', expect: 'ARx Patient Solutions' },
  { text: 'stats 2023', expect: '(disclosed in 2023)' },
  { text: 'state:NJ year:2023 type:hacking data:ssn', expect: '*HealthEC LLC*' },
];

interface HttpReply {
  status: number;
  contentType: string;
  text: string;
}

/** Why a reply is not breachbot's ephemeral answer to the query, or undefined when it is. */
export function breachbotReplyProblem(reply: HttpReply, query: string, expect: string): string | undefined {
  if (reply.status !== 200) return `status ${reply.status}`;
  if (!reply.contentType.startsWith('application/json')) return `content-type ${reply.contentType || 'none'}`;
  let body: { response_type?: unknown; text?: unknown; blocks?: unknown };
  try {
    body = JSON.parse(reply.text) as typeof body;
  } catch {
    return `not JSON: ${reply.text.slice(0, 80)}`;
  }
  if (body.response_type !== 'ephemeral') return `response_type ${JSON.stringify(body.response_type)}`;
  if (!Array.isArray(body.blocks) || body.blocks.length === 0) return 'no blocks';
  if (typeof body.text !== 'string' || body.text.length === 0) return 'no fallback text';
  if (!body.text.includes(expect) && !JSON.stringify(body.blocks).includes(expect)) {
    return `reply to ${JSON.stringify(query)} lacks ${JSON.stringify(expect)}: ${JSON.stringify(body.text.slice(0, 80))}`;
  }
  return undefined;
}

const BARE_REPLY_TEXT = JSON.stringify(BARE_REPLY);

function bareReplyProblem(reply: HttpReply): string | undefined {
  if (reply.status !== 200) return `status ${reply.status}`;
  return reply.text === BARE_REPLY_TEXT ? undefined : `body ${reply.text.slice(0, 80)}`;
}

// ---------------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------------

interface LoopbackClient {
  post(body: string, headers: Record<string, string>): Promise<HttpReply>;
  close(): void;
}

/** Keep-alive, so that a request times the app and not a TCP handshake; the host is fixed so nothing leaves the machine. */
function loopbackClient(port: number, concurrency: number): LoopbackClient {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    post: (body, headers) =>
      new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port,
            path: '/slack/events',
            method: 'POST',
            headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                contentType: String(res.headers['content-type'] ?? ''),
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no response within ${REQUEST_TIMEOUT_MS} ms`)));
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
}

// ---------------------------------------------------------------------------------------------
// The apps' processes
// ---------------------------------------------------------------------------------------------

interface RunningApp {
  name: HttpAppName;
  ready: AppReady;
  child: ChildProcess;
  client: LoopbackClient;
}

const APP_PROCESS = fileURLToPath(new URL('./http-app-process.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** BENCH_HTTP_CPU_PROF=<dir> profiles each app's process (Node refuses --cpu-prof in NODE_OPTIONS). */
function cpuProfileArgs(): string[] {
  const dir = process.env.BENCH_HTTP_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function startAppProcess(start: AppStart): { child: ChildProcess; ready: Promise<AppReady> } {
  const child = fork(APP_PROCESS, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx', ...cpuProfileArgs()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = new Promise<AppReady>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${start.app} did not start within ${ms(START_TIMEOUT_MS)}`)),
      START_TIMEOUT_MS,
    );
    child.once('message', (message: AppReady | AppFailed) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`${start.app} failed to start: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${start.app} exited before it was ready (${signal ?? `code ${code}`})`));
    });
    child.once('error', reject);
  });
  // Awaited later, maybe after a sibling's failure: never an unhandled rejection meanwhile.
  ready.catch(() => {});
  child.send(start);
  return { child, ready };
}

/** The app process's CPU time so far, in microseconds. */
function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      settle();
    };
    const onMessage = (message: CpuUsageReply) => {
      if (message.type === 'cpu-usage') done(() => resolve(message.userMicros + message.systemMicros));
    };
    const timer = setTimeout(
      () => done(() => reject(new Error(`the app did not report its CPU time within ${ms(REQUEST_TIMEOUT_MS)}`))),
      REQUEST_TIMEOUT_MS,
    );
    child.on('message', onMessage);
    child.send({ type: 'cpu-usage' } satisfies CpuUsageRequest, (error) => {
      if (error) done(() => reject(error));
    });
  });
}

async function stopAppProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill(), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

function sender(app: RunningApp, secret: string): (index: number) => Promise<string | undefined> {
  return async (index) => {
    const query = QUERIES[index % QUERIES.length] as (typeof QUERIES)[number];
    // A fresh body and signature per request, as Slack sends them (each has its own trigger_id).
    const body = slashCommandBody({ text: query.text });
    const reply = await app.client.post(body, {
      'content-type': FORM,
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      ...signedHeaders(body, secret),
    });
    return app.name === 'breachbot' ? breachbotReplyProblem(reply, query.text, query.expect) : bareReplyProblem(reply);
  };
}

interface Round {
  app: HttpAppName;
  round: number;
  result: LoadResult;
  summary: LoadSummary;
  cpuUsPerRequest: number;
}

function rps(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '-';
}

/** The installed Bolt's version: `^5.1.0` lets it move between installs, and the figures depend on it. */
function boltVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@slack/bolt/package.json') as { version: string }).version;
}

/** Other work on a shared machine is the usual reason two runs differ: say how busy it was. */
function loadAverage(): string {
  return `load average ${os.loadavg()[0]?.toFixed(2)} on ${os.cpus().length} CPUs`;
}

function micros(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} µs` : '-';
}

function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}

function printErrors(label: string, result: LoadResult): void {
  if (result.errors === 0) return;
  console.log(`  ✗ ${label}: ${result.errors} wrong responses, e.g. ${result.errorSamples.join(' | ')}`);
}

export async function runHttpBench(options: HttpBenchOptions): Promise<HttpResultEntry[]> {
  const started = performance.now();
  const bolt = boltVersion();
  console.log(
    `\n== http: /breach through the HTTP receiver of Bolt ${bolt} on 127.0.0.1; concurrency ${options.concurrency}, ` +
      `${options.warmup} warm-up then ${options.rounds} rounds of ${options.requests.toLocaleString('en-US')} requests per app ` +
      `(each round at most ${ms(options.maxRoundMs)}), interleaved; ${QUERIES.length} queries in turn; ${loadAverage()}`,
  );
  try {
    await access(options.hhsCsv);
  } catch (error) {
    console.log(`skipped, cannot read the HHS file: ${(error as Error).message}`);
    return [];
  }

  const secret = randomBytes(16).toString('hex');
  const processes = HTTP_APPS.map((name) => ({
    name,
    ...startAppProcess({ type: 'start', app: name, signingSecret: secret, hhsCsv: options.hhsCsv }),
  }));
  const apps: RunningApp[] = [];
  try {
    for (const { name, child, ready } of processes) {
      const info = await ready;
      apps.push({ name, ready: info, child, client: loopbackClient(info.port, options.concurrency) });
    }
    const breachbotData = apps.find((app) => app.name === 'breachbot')?.ready.dataset;
    if (breachbotData) {
      console.log(
        `breachbot answers from ${breachbotData.records.toLocaleString('en-US')} records ` +
          `(${breachbotData.curated} curated cards + ${breachbotData.imported.toLocaleString('en-US')} imported from HHS, ` +
          `${breachbotData.coveredByCurated} of them covered by a card); import, load and index took ${ms(breachbotData.setupMs)}`,
      );
    }

    const errors = new Map<HttpAppName, number>(HTTP_APPS.map((name) => [name, 0]));
    const load = async (app: RunningApp, requests: number, maxMs: number) => {
      const result = await runLoad({
        concurrency: options.concurrency,
        requests,
        maxMs,
        send: sender(app, secret),
      });
      errors.set(app.name, (errors.get(app.name) ?? 0) + result.errors);
      return result;
    };

    for (const app of apps) {
      const warm = await load(app, options.warmup, options.maxRoundMs);
      console.log(`warm-up ${app.name}: ${warm.ok}/${options.warmup} right in ${ms(warm.elapsedMs)}`);
      printErrors(`${app.name} warm-up`, warm);
    }

    const rounds: Round[] = [];
    for (let r = 0; r < options.rounds; r++) {
      // Alternating who goes first cancels a slow drift of the machine between the two apps.
      const order = r % 2 === 0 ? apps : [...apps].reverse();
      for (const app of order) {
        const cpuBefore = await cpuMicros(app.child);
        const result = await load(app, options.requests, options.maxRoundMs);
        const cpuUsPerRequest = ((await cpuMicros(app.child)) - cpuBefore) / Math.max(result.completed, 1);
        rounds.push({ app: app.name, round: r + 1, result, summary: summarizeLoad(result), cpuUsPerRequest });
      }
    }
    console.log(
      table(
        ['round', 'app', 'requests', 'rps', 'p50', 'p99', 'app CPU/req', 'errors', 'stopped by'],
        rounds.map(({ app, round: r, result, summary, cpuUsPerRequest }) => [
          String(r),
          app,
          String(result.completed),
          rps(summary.rps),
          ms(summary.p50Ms),
          ms(summary.p99Ms),
          micros(cpuUsPerRequest),
          String(result.errors),
          result.stoppedBy,
        ]),
      ),
    );
    for (const { app, round: r, result } of rounds) printErrors(`${app} round ${r}`, result);

    const entries: HttpResultEntry[] = [];
    for (const app of apps) {
      const own = rounds.filter((entry) => entry.app === app.name);
      const median = medianItem(own, (entry) => entry.summary.rps);
      if (!median) continue;
      entries.push({
        app: app.name,
        rps: round(median.summary.rps, 1),
        p50Ms: round(median.summary.p50Ms, 3),
        p99Ms: round(median.summary.p99Ms, 3),
        concurrency: options.concurrency,
        requests: median.result.completed,
        rounds: options.rounds,
        errors: errors.get(app.name) ?? 0,
        cpuUsPerRequest: round(medianOf(own.map((entry) => entry.cpuUsPerRequest)), 1),
        bolt,
        ...(app.ready.dataset && { records: app.ready.dataset.records }),
      });
    }
    console.log(`\nmedian round (by rps) per app:`);
    console.log(
      table(
        ['app', 'rps', 'p50', 'p99', 'app CPU/req (median)', 'errors'],
        entries.map((entry) => [
          entry.app,
          rps(entry.rps),
          ms(entry.p50Ms),
          ms(entry.p99Ms),
          micros(entry.cpuUsPerRequest),
          String(entry.errors),
        ]),
      ),
    );
    const breachbot = entries.find((entry) => entry.app === 'breachbot');
    const bare = entries.find((entry) => entry.app === 'bare-bolt');
    if (breachbot && bare) {
      const ratio = breachbot.rps / bare.rps;
      const totalErrors = breachbot.errors + bare.errors;
      console.log(
        `targets: breachbot/bare-bolt rps ${ratio.toFixed(2)} ${mark(ratio >= TARGET_RATIO)} (>= ${TARGET_RATIO}); ` +
          `breachbot p99 ${ms(breachbot.p99Ms)} ${mark(breachbot.p99Ms <= TARGET_P99_MS)} (<= ${TARGET_P99_MS} ms); ` +
          `errors ${totalErrors} ${mark(totalErrors === 0)}`,
      );
      console.log(
        `app CPU per request: breachbot/bare-bolt ${(breachbot.cpuUsPerRequest / bare.cpuUsPerRequest).toFixed(2)} ` +
          `(${micros(breachbot.cpuUsPerRequest)} against ${micros(bare.cpuUsPerRequest)})`,
      );
    }
    console.log(`(http took ${ms(performance.now() - started)}; ${loadAverage()})`);
    return entries;
  } finally {
    for (const app of apps) app.client.close();
    await Promise.all(processes.map(({ child }) => stopAppProcess(child)));
  }
}
