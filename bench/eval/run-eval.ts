/**
 * The evaluation part of `npm run bench`: breachbot's answers and plain fuse.js's top hit over the
 * full shipped data (curated cards and every shipped list, as the bot loads them), on the labelled
 * sets of bench/eval/. hit@1 on organisations the data has; "no record" on ones it has not, which for
 * fuse.js means no hit at all (it has no other way to say so). Targets are printed, never asserted
 * here; test/bench/eval-sets.test.ts holds breachbot to them.
 */
import { fileURLToPath } from 'node:url';
import { answerQuery } from '../../src/answer/answer-query.js';
import { loadAnswerContext } from '../../src/answer/load-answer-context.js';
import { ms, table } from '../format.js';
import { buildFuseBaseline } from '../fuse-baseline.js';
import { median, percentile, round } from '../stats.js';
import {
  ABSENT_KINDS,
  type AbsentKind,
  type Answerer,
  EVAL_TARGET,
  type EvalOutcome,
  type EvalSets,
  evaluate,
  overall,
  PRESENT_KINDS,
  type PresentKind,
  readEvalSets,
  type Tally,
} from './eval-sets.js';

const REPO_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));

/** Plain fuse.js takes about 0.4 s a query over the shipped data: `--quick` gives it this many of each kind. */
const QUICK_BASELINE_PER_KIND = 12;
const MISSES_SHOWN = 12;

export const EVAL_ENGINES = ['breachbot', 'fuse-baseline'] as const;
export type EvalEngine = (typeof EVAL_ENGINES)[number];

export interface EvalResultEntry {
  engine: EvalEngine;
  records: number;
  presentQueries: number;
  absentQueries: number;
  /** Share of present queries answered with the organisation asked about, overall and by kind. */
  hit1: number;
  hit1ByKind: Record<PresentKind, number>;
  /** Share of absent queries answered with no incident, overall and by kind. */
  noRecord: number;
  noRecordByKind: Record<AbsentKind, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface EvalOptions {
  quick: boolean;
  skipBaseline: boolean;
}

function shares<K extends string>(tallied: Record<K, Tally>): Record<K, number> {
  return Object.fromEntries(
    Object.entries<Tally>(tallied).map(([kind, tally]) => [
      kind,
      round(tally.total === 0 ? Number.NaN : tally.right / tally.total, 3),
    ]),
  ) as Record<K, number>;
}

/** `perKind` queries of each kind of both sets, in file order. */
function subset(sets: EvalSets, perKind: number): EvalSets {
  const take = <T extends { kind: string }>(entries: readonly T[]) => {
    const taken = new Map<string, number>();
    return entries.filter((entry) => {
      const count = taken.get(entry.kind) ?? 0;
      taken.set(entry.kind, count + 1);
      return count < perKind;
    });
  };
  return { present: take(sets.present), absent: take(sets.absent) };
}

function timed(answer: Answerer, latencies: number[]): Answerer {
  return (query) => {
    const start = performance.now();
    const incident = answer(query);
    latencies.push(performance.now() - start);
    return incident;
  };
}

function entryFor(
  engine: EvalEngine,
  records: number,
  sets: EvalSets,
  outcome: EvalOutcome,
  latencies: number[],
): EvalResultEntry {
  return {
    engine,
    records,
    presentQueries: sets.present.length,
    absentQueries: sets.absent.length,
    hit1: round(overall(outcome.present), 3),
    hit1ByKind: shares(outcome.present),
    noRecord: round(overall(outcome.absent), 3),
    noRecordByKind: shares(outcome.absent),
    p50Ms: round(median(latencies), 3),
    p99Ms: round(percentile(latencies, 99), 3),
  };
}

function rate(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '-';
}

function check(value: number): string {
  return value >= EVAL_TARGET ? 'ok' : 'MISSED';
}

export async function runEvalBench(options: EvalOptions): Promise<EvalResultEntry[]> {
  const started = performance.now();
  const sets = await readEvalSets();
  const loadStart = performance.now();
  const context = await loadAnswerContext(REPO_DATA_DIR);
  const incidents = context.dataset.incidents;
  console.log(
    `\n== evaluation on the shipped data: ${incidents.length.toLocaleString('en-US')} incidents (loaded in ${ms(performance.now() - loadStart)}), ` +
      `${sets.present.length} queries for organisations it has, ${sets.absent.length} for organisations it has not (bench/eval/)`,
  );

  const entries: EvalResultEntry[] = [];
  const breachbotLatencies: number[] = [];
  const breachbot = evaluate(
    timed((query) => {
      const answer = answerQuery(query, context);
      return answer.kind === 'incident' ? answer.match.incident : undefined;
    }, breachbotLatencies),
    sets,
    incidents,
  );
  entries.push(entryFor('breachbot', incidents.length, sets, breachbot, breachbotLatencies));

  let baselineSets: EvalSets | undefined;
  if (!options.skipBaseline) {
    baselineSets = options.quick ? subset(sets, QUICK_BASELINE_PER_KIND) : sets;
    const fuse = buildFuseBaseline(incidents);
    const latencies: number[] = [];
    const outcome = evaluate(timed(fuse.topHit, latencies), baselineSets, incidents);
    entries.push(entryFor('fuse-baseline', incidents.length, baselineSets, outcome, latencies));
  }

  const header = ['engine', 'queries', 'p50', 'p99'];
  console.log('hit@1 on organisations the data has (the answer is an incident of that organisation):');
  console.log(
    table(
      [...header, 'all', ...PRESENT_KINDS],
      entries.map((entry) => [
        entry.engine,
        String(entry.presentQueries),
        ms(entry.p50Ms),
        ms(entry.p99Ms),
        rate(entry.hit1),
        ...PRESENT_KINDS.map((kind) => rate(entry.hit1ByKind[kind])),
      ]),
    ),
  );
  console.log('"no record" on organisations the data has not (no incident shown as the answer):');
  console.log(
    table(
      ['engine', 'queries', 'all', ...ABSENT_KINDS],
      entries.map((entry) => [
        entry.engine,
        String(entry.absentQueries),
        rate(entry.noRecord),
        ...ABSENT_KINDS.map((kind) => rate(entry.noRecordByKind[kind])),
      ]),
    ),
  );
  if (baselineSets && baselineSets !== sets) {
    console.log(
      `fuse-baseline answered ${QUICK_BASELINE_PER_KIND} queries of each kind (--quick; about 0.4 s a query): its figures are over those.`,
    );
  }
  const mine = entries[0] as EvalResultEntry;
  const fuse = entries[1];
  console.log(
    `targets: hit@1 >= ${EVAL_TARGET}: breachbot ${rate(mine.hit1)} ${check(mine.hit1)}${fuse ? `, fuse.js ${rate(fuse.hit1)} ${check(fuse.hit1)}` : ''}; ` +
      `"no record" >= ${EVAL_TARGET}: breachbot ${rate(mine.noRecord)} ${check(mine.noRecord)}${fuse ? `, fuse.js ${rate(fuse.noRecord)} ${check(fuse.noRecord)}` : ''}`,
  );
  if (breachbot.misses.length > 0 && process.env.BENCH_SHOW_MISSES !== '0') {
    console.log(`some breachbot misses (${breachbot.misses.length} in all; BENCH_SHOW_MISSES=0 hides these):`);
    for (const miss of breachbot.misses.slice(0, MISSES_SHOWN)) {
      console.log(
        `  ${miss.set} ${miss.kind.padEnd(9)} ${JSON.stringify(miss.query)}: wanted ${miss.wanted === 'no record' ? 'no record' : `"${miss.wanted}"`}, got ${miss.got === undefined ? 'no record' : `"${miss.got}"`}`,
      );
    }
  }
  console.log(`(evaluation took ${ms(performance.now() - started)})`);
  return entries;
}
