/**
 * `npm run bench`: breachbot's search against plain fuse.js, on synthetic incidents (1k, 10k, 100k)
 * and the real HHS OCR list; then `/breach` end to end through Bolt's HTTP receiver on 127.0.0.1,
 * the real app over the curated cards plus the HHS file against a bare Bolt app that only acks
 * (bench/http-bench.ts); then the whole process of `breachbot ask helthec`, the compiled build against
 * the sources through tsx (bench/cli-timing.ts); with it, the bot's start until it answers and search over
 * the shipped dataset (bench/startup.ts). Prints a table per part and writes bench/results.json.
 *
 *   npm run bench                      every part (a few minutes: the baseline is slow at 100k)
 *   npm run bench -- --quick           without synthetic-100k
 *   npm run bench -- --sizes 1k,hhs    chosen datasets (also BENCH_SIZES=1k,hhs)
 *   npm run bench -- --skip-baseline   breachbot only (the baseline's earlier entries stay in results.json)
 *   npm run bench -- --skip-eval       without the evaluation on the shipped data (bench/eval/)
 *   npm run bench -- --eval-only       the evaluation only: hit@1 and "no record" on bench/eval/'s sets,
 *                                      breachbot against plain fuse.js over the shipped data (a few minutes)
 *   npm run bench -- --skip-http       without the HTTP part
 *   npm run bench -- --http-only       the HTTP part only (about a minute)
 *   npm run bench -- --skip-cli        without the CLI and start-up parts
 *   npm run bench -- --cli-only        the CLI and start-up parts only (builds dist/ first; about a minute)
 *   npm run bench -- --http-only --http-requests 500 --http-concurrency 16
 *                                      requests per app and round (default 2000), concurrent requests (8)
 *   BENCH_HTTP_CPU_PROF=/tmp/prof npm run bench -- --http-only
 *                                      also writes a CPU profile of each app's process into /tmp/prof
 *
 * Whatever a run does not measure keeps its earlier entries in results.json ("search", "eval", "http",
 * "cli", "startup").
 * Targets are printed next to the figures, never asserted: timing on shared machines is noise for CI.
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { answerQuery } from '../src/answer/answer-query.js';
import { loadGuidance } from '../src/guidance/load-guidance.js';
import { parseHhsCsv } from '../src/incidents/import/hhs-csv.js';
import type { Incident } from '../src/incidents/model.js';
import { DataFileError } from '../src/incidents/problems.js';
import { buildSearchIndex } from '../src/search/search-index.js';
import type { SearchIndex } from '../src/search/types.js';
import { CLI_DEFAULTS, CLI_RUNNERS, type CliResultEntry, runCliTiming } from './cli-timing.js';
import { EVAL_ENGINES, type EvalResultEntry, runEvalBench } from './eval/run-eval.js';
import { ms, table } from './format.js';
import { buildFuseBaseline } from './fuse-baseline.js';
import { HTTP_DEFAULTS, type HttpResultEntry, runHttpBench } from './http-bench.js';
import { HTTP_APPS } from './http-protocol.js';
import { seedFrom } from './prng.js';
import { buildQuerySet, INCIDENT_QUERY_KINDS, type IncidentQuery, type IncidentQueryKind } from './query-set.js';
import { mergeEntries } from './results-file.js';
import { runStartupBench, STARTUP_DEFAULTS, STARTUP_MEASUREMENTS, type StartupResultEntry } from './startup.js';
import { median, percentile, round } from './stats.js';
import { DEFAULT_SEED, generateIncidents } from './synthetic-incidents.js';

const DATASETS = ['synthetic-1k', 'synthetic-10k', 'synthetic-100k', 'hhs'] as const;
type DatasetName = (typeof DATASETS)[number];
const ENGINES = ['breachbot', 'fuse-baseline'] as const;
type EngineName = (typeof ENGINES)[number];

const HHS_CSV = process.env.BENCH_HHS_CSV
  ? process.env.BENCH_HHS_CSV
  : fileURLToPath(new URL('../../shared/data/hhs_ocr_merged_2009-10-21_to_2026-07-01_DERIVED.csv', import.meta.url));
const REPO_DATA_DIR = fileURLToPath(new URL('../data', import.meta.url));

const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

/** Incident queries per kind (4 kinds: 208 in all) for every dataset. */
const QUERIES_PER_KIND = 52;
const BREACHBOT_WARMUP_PER_KIND = 50;

interface DatasetPlan {
  name: DatasetName;
  load: () => Promise<Incident[]>;
  /**
   * Plain fuse.js takes about 0.5 s a query at 10k and 5-18 s at 100k (measured when the search was designed), so it
   * answers a balanced subset there: this many queries, the same number of each kind.
   */
  baselineQueries: number;
  baselineWarmup: number;
}

const PLANS: Record<DatasetName, DatasetPlan> = {
  'synthetic-1k': {
    name: 'synthetic-1k',
    load: async () => generateIncidents(1_000, { seed: seedFrom('synthetic-1k', DEFAULT_SEED) }),
    baselineQueries: Number.POSITIVE_INFINITY,
    baselineWarmup: 8,
  },
  'synthetic-10k': {
    name: 'synthetic-10k',
    load: async () => generateIncidents(10_000, { seed: seedFrom('synthetic-10k', DEFAULT_SEED) }),
    baselineQueries: 60,
    baselineWarmup: 2,
  },
  'synthetic-100k': {
    name: 'synthetic-100k',
    load: async () => generateIncidents(100_000, { seed: seedFrom('synthetic-100k', DEFAULT_SEED) }),
    baselineQueries: 20,
    baselineWarmup: 1,
  },
  hhs: {
    name: 'hhs',
    load: async () => parseHhsCsv(await readFile(HHS_CSV, 'utf8'), { from: HHS_CSV }).incidents,
    baselineQueries: 60,
    baselineWarmup: 2,
  },
};

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

interface Options {
  datasets: DatasetName[];
  skipBaseline: boolean;
  search: boolean;
  /** The evaluation on bench/eval/'s labelled sets over the shipped data. */
  evaluation: boolean;
  quick: boolean;
  http: boolean;
  cli: boolean;
  httpRequests: number;
  httpConcurrency: number;
}

function positiveInteger(option: string, value: string | undefined): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${option} takes a whole number >= 1, got "${value}"`);
  return number;
}

function parseArgs(argv: readonly string[]): Options {
  let sizes = process.env.BENCH_SIZES;
  let quick = false;
  let skipBaseline = false;
  let httpOnly = false;
  let skipHttp = false;
  let cliOnly = false;
  let skipCli = false;
  let skipEval = false;
  let evalOnly = false;
  let httpRequests: number = HTTP_DEFAULTS.requests;
  let httpConcurrency: number = HTTP_DEFAULTS.concurrency;
  const searchOptions: string[] = [];
  const httpOptions: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--quick') quick = true;
    else if (arg === '--skip-baseline') skipBaseline = true;
    else if (arg === '--sizes') sizes = argv[++i];
    else if (arg.startsWith('--sizes=')) sizes = arg.slice('--sizes='.length);
    else if (arg === '--http-only') httpOnly = true;
    else if (arg === '--skip-http') skipHttp = true;
    else if (arg === '--cli-only') cliOnly = true;
    else if (arg === '--skip-cli') skipCli = true;
    else if (arg === '--skip-eval') skipEval = true;
    else if (arg === '--eval-only') evalOnly = true;
    else if (arg === '--http-requests') httpRequests = positiveInteger(arg, argv[++i]);
    else if (arg === '--http-concurrency') httpConcurrency = positiveInteger(arg, argv[++i]);
    else
      throw new Error(
        `unknown option ${arg}; use --quick, --sizes 1k,10k,100k,hhs, --skip-baseline, --skip-http, --http-only, ` +
          '--http-requests N, --http-concurrency N, --skip-cli, --cli-only, --skip-eval or --eval-only',
      );
    if (['--quick', '--skip-baseline', '--sizes'].includes(arg) || arg.startsWith('--sizes=')) searchOptions.push(arg);
    if (['--http-requests', '--http-concurrency'].includes(arg)) httpOptions.push(arg);
  }
  if (httpOnly && skipHttp) throw new Error('--http-only and --skip-http leave nothing to run; choose one');
  if (cliOnly && skipCli) throw new Error('--cli-only and --skip-cli leave nothing to run; choose one');
  if (httpOnly && cliOnly) throw new Error('--http-only and --cli-only: choose one');
  if (evalOnly && (skipEval || httpOnly || cliOnly)) {
    throw new Error('--eval-only runs the evaluation alone: leave out --skip-eval, --http-only and --cli-only');
  }
  const only = httpOnly ? '--http-only' : cliOnly ? '--cli-only' : evalOnly ? '--eval-only' : undefined;
  // --quick and --skip-baseline apply to the evaluation too; --sizes only to the search part.
  const skipped = evalOnly ? searchOptions.filter((option) => option.startsWith('--sizes')) : searchOptions;
  if (only && skipped.length > 0) {
    throw new Error(`${skipped.join(', ')}: for the search part, which ${only} skips`);
  }
  const httpSkipped = skipHttp ? '--skip-http' : cliOnly ? '--cli-only' : undefined;
  if (httpSkipped && httpOptions.length > 0) {
    throw new Error(`${httpOptions.join(', ')}: for the HTTP part, which ${httpSkipped} skips`);
  }
  let datasets: DatasetName[] = [...DATASETS];
  if (sizes) {
    datasets = sizes
      .split(',')
      .map((size) => size.trim())
      .filter(Boolean)
      .map((size) => {
        const name = (DATASETS as readonly string[]).includes(size) ? size : `synthetic-${size}`;
        if (!(DATASETS as readonly string[]).includes(name)) {
          throw new Error(`unknown size "${size}"; choose from 1k, 10k, 100k, hhs`);
        }
        return name as DatasetName;
      });
  }
  if (quick) datasets = datasets.filter((name) => name !== 'synthetic-100k');
  return {
    datasets: DATASETS.filter((name) => datasets.includes(name)),
    skipBaseline,
    search: !only,
    evaluation: evalOnly || (!only && !skipEval),
    quick,
    http: !skipHttp && !cliOnly && !evalOnly,
    cli: !skipCli && !httpOnly && !evalOnly,
    httpRequests,
    httpConcurrency,
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

interface QueryOutcome {
  query: IncidentQuery;
  ms: number;
  correct: boolean;
  /** The organisation of the top hit, for the misses printed. */
  got: string | undefined;
}

interface EngineRun {
  engine: EngineName;
  dataset: DatasetName;
  records: number;
  buildMs: number;
  outcomes: QueryOutcome[];
}

interface ResultEntry {
  engine: EngineName;
  dataset: DatasetName;
  records: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
  hit1: Record<IncidentQueryKind, number>;
}

function hitRates(outcomes: readonly QueryOutcome[]): Record<IncidentQueryKind, number> {
  const rates = {} as Record<IncidentQueryKind, number>;
  for (const kind of INCIDENT_QUERY_KINDS) {
    const ofKind = outcomes.filter((outcome) => outcome.query.kind === kind);
    rates[kind] = ofKind.length === 0 ? Number.NaN : ofKind.filter((outcome) => outcome.correct).length / ofKind.length;
  }
  return rates;
}

function measure(
  queries: readonly IncidentQuery[],
  warmup: readonly string[],
  topHit: (query: string) => Incident | undefined,
): QueryOutcome[] {
  for (const text of warmup) topHit(text);
  return queries.map((query) => {
    const start = performance.now();
    const top = topHit(query.text);
    const ms = performance.now() - start;
    return { query, ms, correct: top !== undefined && query.acceptIds.includes(top.id), got: top?.organization };
  });
}

/** `count` queries, the same number of each kind, in the set's (random) order. */
function balancedSubset(queries: readonly IncidentQuery[], count: number): IncidentQuery[] {
  if (count >= queries.length) return [...queries];
  const perKind = Math.max(1, Math.floor(count / INCIDENT_QUERY_KINDS.length));
  const taken = new Map<IncidentQueryKind, number>();
  return queries.filter((query) => {
    const n = taken.get(query.kind) ?? 0;
    if (n >= perKind) return false;
    taken.set(query.kind, n + 1);
    return true;
  });
}

function toEntry(run: EngineRun): ResultEntry {
  const latencies = run.outcomes.map((outcome) => outcome.ms);
  const hit1 = hitRates(run.outcomes);
  return {
    engine: run.engine,
    dataset: run.dataset,
    records: run.records,
    buildMs: round(run.buildMs, 3),
    p50Ms: round(median(latencies), 3),
    p99Ms: round(percentile(latencies, 99), 3),
    hit1: {
      exact: round(hit1.exact, 3),
      typo: round(hit1.typo, 3),
      partial: round(hit1.partial, 3),
      question: round(hit1.question, 3),
    },
  };
}

const collectGarbage: (() => void) | undefined = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

// ---------------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------------

function rate(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '-';
}

function kindCounts(queries: readonly IncidentQuery[]): string {
  return INCIDENT_QUERY_KINDS.map((kind) => `${queries.filter((query) => query.kind === kind).length} ${kind}`).join(
    ', ',
  );
}

function check(ok: boolean): string {
  return ok ? 'ok' : 'MISSED';
}

function printTargets(dataset: DatasetName, entry: ResultEntry): void {
  const lines: string[] = [];
  if (dataset === 'synthetic-10k') lines.push(`p99 <= 5 ms at 10k: ${ms(entry.p99Ms)} ${check(entry.p99Ms <= 5)}`);
  if (dataset === 'synthetic-100k') lines.push(`p99 <= 25 ms at 100k: ${ms(entry.p99Ms)} ${check(entry.p99Ms <= 25)}`);
  for (const kind of INCIDENT_QUERY_KINDS) {
    const goal = kind === 'question' ? 0.85 : 0.95;
    const value = entry.hit1[kind];
    lines.push(`hit@1 ${kind} >= ${goal}: ${rate(value)} ${check(value >= goal)}`);
  }
  console.log(`targets (breachbot): ${lines.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

async function runDataset(plan: DatasetPlan, options: Options): Promise<ResultEntry[]> {
  const started = performance.now();
  let loadStart = performance.now();
  let incidents: Incident[];
  try {
    incidents = await plan.load();
  } catch (error) {
    console.log(`\n== ${plan.name}: skipped, could not load it: ${(error as Error).message}`);
    return [];
  }
  const loadMs = performance.now() - loadStart;
  loadStart = performance.now();
  const querySet = buildQuerySet(incidents, { seed: seedFrom(`${plan.name} queries`), perKind: QUERIES_PER_KIND });
  const warmupSet = buildQuerySet(incidents, {
    seed: seedFrom(`${plan.name} warm-up`),
    perKind: BREACHBOT_WARMUP_PER_KIND,
    dataTypeQueries: 0,
  });
  const queries = querySet.incident;
  const warmup = warmupSet.incident.map((query) => query.text);
  console.log(
    `\n== ${plan.name}: ${incidents.length.toLocaleString('en-US')} records (${plan.name === 'hhs' ? 'parsed' : 'generated'} in ${ms(loadMs)}), ` +
      `${queries.length} incident queries (${kindCounts(queries)}), made in ${ms(performance.now() - loadStart)}`,
  );

  const runs: EngineRun[] = [];
  const rows: string[][] = [];
  let breachbotRun: EngineRun | undefined;

  // breachbot
  {
    const buildStart = performance.now();
    const index: SearchIndex = buildSearchIndex(incidents);
    const buildMs = performance.now() - buildStart;
    // A server builds its index at start and answers long after: measure that steady state, not
    // the collector still tidying up after the build.
    collectGarbage?.();
    const outcomes = measure(queries, warmup, (text) => index.search(text, { limit: 10 }).hits[0]?.incident);
    breachbotRun = { engine: 'breachbot', dataset: plan.name, records: incidents.length, buildMs, outcomes };
    runs.push(breachbotRun);

    // Data-type queries ("steps ssn", "what do I do if my medical records leaked") are answered by
    // the answer layer with a checklist, not by the search: right when it names the expected type.
    const { value: guidance, problems } = await loadGuidance(REPO_DATA_DIR);
    if (!guidance) throw new DataFileError(problems);
    const dataTypeHits = querySet.dataType.filter((query) => {
      const answer = answerQuery(query.text, { dataset: { incidents, guidance }, index });
      return answer.kind === 'steps' && answer.steps.dataTypes.includes(query.expected);
    }).length;
    console.log(
      `data-type queries: ${dataTypeHits}/${querySet.dataType.length} answered with the checklist for the kind of data asked about`,
    );

    const longQuery = (queries.find((query) => query.kind === 'question')?.text ?? 'what happened ')
      .concat(' ')
      .repeat(10_000)
      .slice(0, 10_000);
    const longTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      index.search(longQuery);
      longTimes.push(performance.now() - start);
    }
    console.log(
      `long query (${longQuery.length.toLocaleString('en-US')} characters), breachbot: median ${ms(median(longTimes))}, ` +
        `max ${ms(Math.max(...longTimes))} over 5 runs`,
    );
  }
  collectGarbage?.();

  // fuse.js baseline
  let baselineRun: EngineRun | undefined;
  const baselineQueries = balancedSubset(queries, plan.baselineQueries);
  if (!options.skipBaseline) {
    const buildStart = performance.now();
    const fuse = buildFuseBaseline(incidents);
    const buildMs = performance.now() - buildStart;
    collectGarbage?.();
    const outcomes = measure(baselineQueries, warmup.slice(0, plan.baselineWarmup), (text) => fuse.topHit(text));
    baselineRun = { engine: 'fuse-baseline', dataset: plan.name, records: incidents.length, buildMs, outcomes };
    runs.push(baselineRun);
  }
  collectGarbage?.();

  const entries = runs.map(toEntry);
  for (const [i, run] of runs.entries()) {
    const entry = entries[i] as ResultEntry;
    rows.push([
      run.engine,
      ms(entry.buildMs),
      String(run.outcomes.length),
      ms(entry.p50Ms),
      ms(entry.p99Ms),
      ...INCIDENT_QUERY_KINDS.map((kind) => rate(entry.hit1[kind])),
    ]);
  }
  console.log(table(['engine', 'build', 'queries', 'p50', 'p99', ...INCIDENT_QUERY_KINDS], rows));

  if (baselineRun && breachbotRun) {
    const capped = baselineRun.outcomes.length < breachbotRun.outcomes.length;
    if (capped) {
      console.log(
        `fuse-baseline answered a balanced subset of ${baselineRun.outcomes.length} queries (${kindCounts(baselineQueries)}): ` +
          `plain fuse.js takes seconds a query at this size. Its hit@1 is over that subset.`,
      );
    }
    // Ratios over the same queries, so that a capped baseline is compared like for like.
    const asked = new Set(baselineRun.outcomes.map((outcome) => outcome.query));
    const same = breachbotRun.outcomes.filter((outcome) => asked.has(outcome.query)).map((outcome) => outcome.ms);
    const base = baselineRun.outcomes.map((outcome) => outcome.ms);
    const p50Ratio = median(base) / median(same);
    const p99Ratio = percentile(base, 99) / percentile(same, 99);
    console.log(
      `speed-up (baseline / breachbot${capped ? ', on the same subset' : ''}): p50 ${p50Ratio.toFixed(0)}x, p99 ${p99Ratio.toFixed(0)}x`,
    );
  }
  const breachbotEntry = entries.find((entry) => entry.engine === 'breachbot');
  if (breachbotEntry) printTargets(plan.name, breachbotEntry);
  printMisses(breachbotRun);
  console.log(`(${plan.name} took ${ms(performance.now() - started)})`);
  return entries;
}

/** A few of breachbot's wrong answers per kind, to see what kind of query fails. */
function printMisses(run: EngineRun | undefined): void {
  if (!run || process.env.BENCH_SHOW_MISSES === '0') return;
  const misses = run.outcomes.filter((outcome) => !outcome.correct);
  if (misses.length === 0) return;
  const shown = INCIDENT_QUERY_KINDS.flatMap((kind) => misses.filter((miss) => miss.query.kind === kind).slice(0, 2));
  console.log(`some breachbot misses (${misses.length} in all; BENCH_SHOW_MISSES=0 hides these):`);
  for (const miss of shown)
    console.log(
      `  ${miss.query.kind.padEnd(8)} ${JSON.stringify(miss.query.text)}: wanted "${miss.query.targetName}", got ${miss.got === undefined ? 'nothing' : `"${miss.got}"`}`,
    );
}

async function writeResults(
  search: readonly ResultEntry[],
  http: readonly HttpResultEntry[],
  cli: readonly CliResultEntry[],
  startup: readonly StartupResultEntry[],
  evaluation: readonly EvalResultEntry[],
): Promise<void> {
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new Error(`bench/results.json exists but cannot be read (${(error as Error).message}); not overwriting it`);
    }
  }
  const searchMerge = mergeEntries(
    existing.search,
    search,
    (entry) => `${entry.engine}/${entry.dataset}`,
    (a, b) =>
      DATASETS.indexOf(a.dataset) - DATASETS.indexOf(b.dataset) ||
      ENGINES.indexOf(a.engine) - ENGINES.indexOf(b.engine),
  );
  const evalMerge = mergeEntries(
    existing.eval,
    evaluation,
    (entry) => entry.engine,
    (a, b) => EVAL_ENGINES.indexOf(a.engine) - EVAL_ENGINES.indexOf(b.engine),
  );
  const httpMerge = mergeEntries(
    existing.http,
    http,
    (entry) => entry.app,
    (a, b) => HTTP_APPS.indexOf(a.app) - HTTP_APPS.indexOf(b.app),
  );
  const cliMerge = mergeEntries(
    existing.cli,
    cli,
    (entry) => entry.runner,
    (a, b) => CLI_RUNNERS.indexOf(a.runner) - CLI_RUNNERS.indexOf(b.runner),
  );
  const next: Record<string, unknown> = { ...existing, search: searchMerge.merged };
  if (evalMerge.merged.length > 0 || 'eval' in existing) next.eval = evalMerge.merged;
  if (httpMerge.merged.length > 0 || 'http' in existing) next.http = httpMerge.merged;
  if (cliMerge.merged.length > 0 || 'cli' in existing) next.cli = cliMerge.merged;
  const startupMerge = mergeEntries(
    existing.startup,
    startup,
    (entry) => entry.measurement,
    (a, b) => STARTUP_MEASUREMENTS.indexOf(a.measurement) - STARTUP_MEASUREMENTS.indexOf(b.measurement),
  );
  if (startupMerge.merged.length > 0 || 'startup' in existing) next.startup = startupMerge.merged;
  await writeFile(RESULTS_FILE, `${JSON.stringify(next, null, 2)}\n`);
  const note = (key: string, count: number, kept: readonly string[]): string =>
    `${key}: ${count} from this run${kept.length > 0 ? `, kept ${kept.length} earlier (${kept.join(', ')})` : ''}`;
  console.log(
    `\nwrote bench/results.json (${note(
      'search',
      search.length,
      searchMerge.kept.map((e) => `${e.engine}/${e.dataset}`),
    )}; ${note(
      'eval',
      evaluation.length,
      evalMerge.kept.map((e) => e.engine),
    )}; ${note(
      'http',
      http.length,
      httpMerge.kept.map((e) => e.app),
    )}; ${note(
      'cli',
      cli.length,
      cliMerge.kept.map((e) => e.runner),
    )}; ${note(
      'startup',
      startup.length,
      startupMerge.kept.map((e) => e.measurement),
    )})`,
  );
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  console.log(
    `breachbot benchmark: ${options.search ? `search on ${options.datasets.join(', ')}` : 'no search'}, ` +
      `${options.evaluation ? 'eval' : 'no eval'}, ` +
      `${options.http ? 'http' : 'no http'}, ${options.cli ? 'cli' : 'no cli'}; Node ${process.version}, ${os.cpus().length} CPUs` +
      `${options.search && !collectGarbage ? ' (no GC between datasets: gc not available)' : ''}`,
  );
  const entries: ResultEntry[] = [];
  if (options.search) {
    console.log(
      "hit@1: the top hit is the query's target (or, in hhs, another filing by the same organisation); latency is one search() call.",
    );
    for (const name of options.datasets) {
      entries.push(...(await runDataset(PLANS[name], options)));
      collectGarbage?.();
    }
  }
  let evalEntries: EvalResultEntry[] = [];
  if (options.evaluation) {
    try {
      evalEntries = await runEvalBench({ quick: options.quick, skipBaseline: options.skipBaseline });
    } catch (error) {
      // As for the other parts: what this run did measure is still worth writing.
      console.error(`\neval: failed, ${(error as Error).message}`);
      process.exitCode = 1;
    }
    collectGarbage?.();
  }
  let httpEntries: HttpResultEntry[] = [];
  if (options.http) {
    try {
      httpEntries = await runHttpBench({
        ...HTTP_DEFAULTS,
        hhsCsv: HHS_CSV,
        requests: options.httpRequests,
        concurrency: options.httpConcurrency,
      });
    } catch (error) {
      // The search figures of this run are still worth writing; the earlier http entries stay.
      console.error(`\nhttp: failed, ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  let cliEntries: CliResultEntry[] = [];
  if (options.cli) {
    try {
      cliEntries = await runCliTiming(CLI_DEFAULTS);
    } catch (error) {
      // As for http: the other parts' figures of this run are still worth writing.
      console.error(`\ncli: failed, ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  let startupEntries: StartupResultEntry[] = [];
  if (options.cli) {
    try {
      // Builds dist/ itself when the CLI part could not.
      startupEntries = await runStartupBench({ ...STARTUP_DEFAULTS, build: cliEntries.length === 0 });
    } catch (error) {
      console.error(`\nstart-up: failed, ${(error as Error).message}`);
      process.exitCode = 1;
    }
  }
  if (
    entries.length > 0 ||
    evalEntries.length > 0 ||
    httpEntries.length > 0 ||
    cliEntries.length > 0 ||
    startupEntries.length > 0
  ) {
    await writeResults(entries, httpEntries, cliEntries, startupEntries, evalEntries);
  }
  console.log(`total ${ms(performance.now() - started)}`);
}

await main();
