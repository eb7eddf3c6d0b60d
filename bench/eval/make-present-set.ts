/**
 * Writes bench/eval/present.json: queries for organisations the shipped data has, made from it, so
 * that the set can be made again when the data changes:
 *
 *   node --import tsx bench/eval/make-present-set.ts
 *
 * Targets are every curated card (the incidents people ask about most) and a seeded sample of each
 * shipped list. Each kind asks differently: the name as people type it (or a card's alias), a typo of
 * it, part of it that only this organisation's names have, two of its words run together
 * ("riteaid"), one of its words written as two ("Last Pass", "Health Care"), or a question around it.
 * A query whose answer the data cannot decide (a partial name several organisations share, a typo
 * that is another organisation's name) is never made.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import type { Incident } from '../../src/incidents/model.js';
import { organizationKey } from '../../src/incidents/organization-name.js';
import { createRng, type Rng, seedFrom } from '../prng.js';
import { makePartial, makeTypo, NameWordIndex, nameWords, withoutLegalForm } from '../query-set.js';
import { PRESENT_FILE, PRESENT_KINDS, type PresentKind, type PresentQuery } from './eval-sets.js';

const REPO_DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));
/** Queries per kind: six kinds, 240 in all. */
const PER_KIND = 40;
/** Of each kind, this many are about curated cards; the rest about the lists' records. */
const CURATED_PER_KIND = 12;

const JOINING_WORDS = new Set(['of', 'and', 'the', 'for', 'at', 'in', 'dba', '&', '-']);

const QUESTIONS: readonly ((name: string, incident: Incident) => string | undefined)[] = [
  (name) => `was ${name} hacked?`,
  (name) => `what happened with the ${name} breach`,
  (name, incident) =>
    incident.disclosed ? `did ${name} have a data breach in ${incident.disclosed.slice(0, 4)}` : undefined,
  (name) => `is my data safe after the ${name} breach`,
  (name) => `<@U04BRCHBOT> what happened at ${name}?`,
  (name) => `how many people were affected by the ${name} data breach?`,
  (name) => `I got a letter from ${name} about a breach, what should I do?`,
  (name) => `was my info exposed in the ${name} incident`,
  (name) => `any news on the ${name} cyberattack?`,
  (name) => `${name} breach`,
];

/** The name people type: without its legal form, and for a long official name, a card's shortest alias. */
function typedName(incident: Incident): string {
  return withoutLegalForm(incident.organization);
}

/** Two neighbouring words of the name run together: "Rite Aid" -> "RiteAid", "North Valley Health" -> "northvalley health". */
function oneWord(rng: Rng, name: string): string | undefined {
  const words = name.split(/\s+/);
  const pairs = words.flatMap((word, index) => {
    const next = words[index + 1];
    const joinable = (w: string) => /^[A-Za-z]{2,}$/.test(w) && !JOINING_WORDS.has(w.toLowerCase());
    return next !== undefined && joinable(word) && joinable(next) ? [index] : [];
  });
  if (pairs.length === 0) return undefined;
  const at = rng.pick(pairs);
  const joined = [...words.slice(0, at), `${words[at]}${words[at + 1]}`, ...words.slice(at + 2)].join(' ');
  return rng.chance(0.5) ? joined.toLowerCase() : joined;
}

/**
 * One word of the name written as two: at a capital inside it ("LastPass" -> "Last Pass"), or where
 * it is two words the names use on their own ("Healthcare" -> "Health care").
 */
function twoWords(rng: Rng, name: string, knownWords: ReadonlySet<string>): string | undefined {
  const words = name.split(/\s+/);
  const splits: string[] = [];
  words.forEach((word, index) => {
    if (!/^[A-Za-z]{5,}$/.test(word)) return;
    const cuts = new Set<number>();
    for (const match of word.matchAll(/[a-z](?=[A-Z])/g)) cuts.add(match.index + 1);
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const lower = word.toLowerCase();
      if (knownWords.has(lower.slice(0, cut)) && knownWords.has(lower.slice(cut))) cuts.add(cut);
    }
    for (const cut of cuts) {
      const split = `${word.slice(0, cut)} ${word.slice(cut)}`;
      splits.push([...words.slice(0, index), split, ...words.slice(index + 1)].join(' '));
    }
  });
  return splits.length > 0 ? rng.pick(splits) : undefined;
}

interface Vocabulary {
  index: NameWordIndex;
  /** Words of names, for splitting a word where both halves are words. */
  knownWords: ReadonlySet<string>;
  /** Organisation keys by their letters without spaces. */
  squashedKeys: ReadonlyMap<string, string[]>;
}

function makeQuery(
  rng: Rng,
  kind: PresentKind,
  { index, knownWords, squashedKeys }: Vocabulary,
  record: number,
): string | undefined {
  const incident = index.incidents[record] as Incident;
  const name = rng.chance(0.3) && incident.aliases.length > 0 ? rng.pick(incident.aliases) : typedName(incident);
  // Run together or apart, the query must not spell another organisation's name: "United Health
  // care" is UnitedHealth Care as much as United Healthcare.
  const isSomeoneElse = (text: string) => {
    const own = organizationKey(incident.organization);
    const key = organizationKey(text);
    const spelled = squashedKeys.get(key.replace(/ /g, '')) ?? [];
    return (index.hasKey(key) && key !== own) || spelled.some((other) => other !== own);
  };
  switch (kind) {
    case 'name':
      return name;
    case 'typo': {
      for (let attempt = 0; attempt < 5; attempt++) {
        const typo = makeTypo(rng, typedName(incident));
        if (typo && !index.hasKey(organizationKey(typo))) return typo;
      }
      return undefined;
    }
    case 'partial':
      return makePartial(rng, index, record);
    case 'one-word': {
      const joined = oneWord(rng, typedName(incident));
      return joined && !isSomeoneElse(joined) ? joined : undefined;
    }
    case 'two-words': {
      const split = twoWords(rng, typedName(incident), knownWords);
      return split && !isSomeoneElse(split) ? split : undefined;
    }
    case 'question': {
      const asked = rng.chance(0.25) ? (makePartial(rng, index, record) ?? name) : name;
      for (let attempt = 0; attempt < 5; attempt++) {
        const question = rng.pick(QUESTIONS)(asked, incident);
        if (question)
          return rng.chance(0.5)
            ? question.replace(/<[^>]*>|[^<]+/g, (part) => (part.startsWith('<') ? part : part.toLowerCase()))
            : question;
      }
      return undefined;
    }
  }
}

/** Records worth asking about: a name with letters in it, not one that names nothing ("Unknown"). */
function askable(incident: Incident): boolean {
  const key = organizationKey(incident.organization);
  return /[a-z]{3}/.test(key) && !/^(?:unknown|anonymous|redacted|none)\b/.test(key);
}

async function main(): Promise<void> {
  const { dataset, problems } = await loadDataset(REPO_DATA_DIR, { trustShipped: true });
  if (!dataset || problems.length > 0) throw new Error(`the shipped data does not load: ${problems.length} problems`);
  const incidents = dataset.incidents.filter(askable);
  const index = new NameWordIndex(incidents);
  const knownWords = new Set(
    incidents.flatMap((incident) => nameWords(incident.organization)).filter((word) => word.length >= 3),
  );
  const squashedKeys = new Map<string, string[]>();
  for (const incident of incidents) {
    const key = organizationKey(incident.organization);
    const squashed = key.replace(/ /g, '');
    const keys = squashedKeys.get(squashed) ?? [];
    if (!keys.includes(key)) squashedKeys.set(squashed, [...keys, key]);
  }
  const vocabulary: Vocabulary = { index, knownWords, squashedKeys };
  const curated = incidents.flatMap((incident, record) => (incident.origin === 'curated' ? [record] : []));
  const listed = incidents.flatMap((incident, record) => (incident.origin === 'curated' ? [] : [record]));
  const queries: PresentQuery[] = [];
  for (const kind of PRESENT_KINDS) {
    const rng = createRng(seedFrom(`present ${kind}`));
    const usedNames = new Set<string>();
    const take = (pool: readonly number[], count: number) => {
      let made = 0;
      for (const record of rng.shuffle([...pool])) {
        if (made >= count) break;
        const incident = incidents[record] as Incident;
        const key = organizationKey(incident.organization);
        if (usedNames.has(key)) continue;
        const query = makeQuery(rng, kind, vocabulary, record)?.trim();
        if (!query || query.length > 120) continue;
        usedNames.add(key);
        queries.push({ query, kind, id: incident.id, organization: incident.organization });
        made++;
      }
    };
    take(curated, CURATED_PER_KIND);
    take(listed, PER_KIND - queries.filter((query) => query.kind === kind).length);
  }
  await writeFile(PRESENT_FILE, `${JSON.stringify(queries, null, 2)}\n`);
  console.log(`wrote ${queries.length} queries to ${PRESENT_FILE}`);
}

await main();
