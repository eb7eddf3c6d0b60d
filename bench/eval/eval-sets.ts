/**
 * The labelled evaluation sets (bench/eval/present.json, bench/eval/absent.json) and how an engine is
 * scored on them: hit@1 on organisations the shipped data has, and a plain "no record" on ones it
 * has not. `npm run bench` prints both for breachbot and plain fuse.js; test/bench/eval-sets.test.ts
 * holds breachbot to them.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Incident } from '../../src/incidents/model.js';
import { organizationKey } from '../../src/incidents/organization-name.js';

export const PRESENT_KINDS = ['name', 'typo', 'partial', 'one-word', 'two-words', 'question'] as const;
export type PresentKind = (typeof PRESENT_KINDS)[number];
export const ABSENT_KINDS = ['company', 'hospital', 'pharmacy', 'airline', 'retailer', 'made-up'] as const;
export type AbsentKind = (typeof ABSENT_KINDS)[number];

/** The goal for both sets: printed by the bench, held by the test for breachbot. */
export const EVAL_TARGET = 0.95;

const presentQuery = z.object({
  query: z.string().min(1),
  kind: z.enum(PRESENT_KINDS),
  /** The record the query was made from. */
  id: z.string().min(1),
  /** Its organisation: any record of the same (normalised) name is a right answer too. */
  organization: z.string().min(1),
});
export type PresentQuery = z.infer<typeof presentQuery>;

const absentQuery = z.object({
  query: z.string().min(1),
  kind: z.enum(ABSENT_KINDS),
  /** The organisation the query names, which no shipped list or card has. */
  organization: z.string().min(1),
});
export type AbsentQuery = z.infer<typeof absentQuery>;

export const PRESENT_FILE = fileURLToPath(new URL('./present.json', import.meta.url));
export const ABSENT_FILE = fileURLToPath(new URL('./absent.json', import.meta.url));

export interface EvalSets {
  present: PresentQuery[];
  absent: AbsentQuery[];
}

export async function readEvalSets(): Promise<EvalSets> {
  const [present, absent] = await Promise.all([readFile(PRESENT_FILE, 'utf8'), readFile(ABSENT_FILE, 'utf8')]);
  return {
    present: z.array(presentQuery).parse(JSON.parse(present)),
    absent: z.array(absentQuery).parse(JSON.parse(absent)),
  };
}

/** The normalised names of a record: its organisation and aliases. */
export function recordNameKeys(incident: Incident): Set<string> {
  return new Set([incident.organization, ...incident.aliases].map(organizationKey).filter(Boolean));
}

/** What an engine answers: the incident it shows as the answer, or undefined for "no record". */
export type Answerer = (query: string) => Incident | undefined;

export interface Tally {
  right: number;
  total: number;
}

export interface EvalMiss {
  set: 'present' | 'absent';
  kind: string;
  query: string;
  wanted: string;
  got: string | undefined;
}

export interface EvalOutcome {
  present: Record<PresentKind, Tally>;
  absent: Record<AbsentKind, Tally>;
  misses: EvalMiss[];
}

function tallies<K extends string>(kinds: readonly K[]): Record<K, Tally> {
  return Object.fromEntries(kinds.map((kind) => [kind, { right: 0, total: 0 }])) as Record<K, Tally>;
}

/**
 * Right on a present query: an incident of the target organisation (its id, or a record sharing one
 * of its normalised names; the data has several filings of one organisation). Right on an absent
 * query: no incident at all.
 */
export function evaluate(answer: Answerer, sets: EvalSets, incidents: readonly Incident[]): EvalOutcome {
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  const outcome: EvalOutcome = { present: tallies(PRESENT_KINDS), absent: tallies(ABSENT_KINDS), misses: [] };
  for (const entry of sets.present) {
    const target = byId.get(entry.id);
    const wanted = target ? recordNameKeys(target) : new Set([organizationKey(entry.organization)]);
    const got = answer(entry.query);
    const right = got !== undefined && (got.id === entry.id || [...recordNameKeys(got)].some((key) => wanted.has(key)));
    const tally = outcome.present[entry.kind];
    tally.total++;
    if (right) tally.right++;
    else
      outcome.misses.push({
        set: 'present',
        kind: entry.kind,
        query: entry.query,
        wanted: entry.organization,
        got: got?.organization,
      });
  }
  for (const entry of sets.absent) {
    const got = answer(entry.query);
    const tally = outcome.absent[entry.kind];
    tally.total++;
    if (got === undefined) tally.right++;
    else
      outcome.misses.push({
        set: 'absent',
        kind: entry.kind,
        query: entry.query,
        wanted: 'no record',
        got: got.organization,
      });
  }
  return outcome;
}

/** The share right over every kind of a set. */
export function overall(tallied: Record<string, Tally>): number {
  const all = Object.values(tallied).reduce(
    (sum, tally) => ({ right: sum.right + tally.right, total: sum.total + tally.total }),
    {
      right: 0,
      total: 0,
    },
  );
  return all.total === 0 ? Number.NaN : all.right / all.total;
}
