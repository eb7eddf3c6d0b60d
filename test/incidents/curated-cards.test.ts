import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHhsCsv } from '../../src/incidents/import/hhs-csv.js';
import { parseHibpJson } from '../../src/incidents/import/hibp-json.js';
import { ENTITY_TYPE_LABELS, LOCATION_LABELS } from '../../src/incidents/labels.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import { daysBetween } from '../../src/incidents/merge.js';
import { mergeFilings } from '../../src/incidents/merge-filings.js';
import { type Incident, LOCATIONS } from '../../src/incidents/model.js';
import { organizationKey } from '../../src/incidents/organization-name.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import type { SearchIndex } from '../../src/search/types.js';
import { HHS_MERGED_CSV, REPO_DATA_DIR, SHARED_DATA_DIR } from '../support/paths.js';

/** A filing this far from the card's disclosure is another incident of the same organisation. */
const SAME_INCIDENT_DAYS = 400;

/**
 * The locations HHS OCR's "Location of Breached Information" can say (the first eight of the model's
 * list). A card may add the finer ones HHS has no word for (cloud, website, database).
 */
const HHS_LOCATIONS = new Set<string>(LOCATIONS.slice(0, 8));

let cards: Incident[];
let hhs: Incident[];
let index: SearchIndex;

beforeAll(async () => {
  const loaded = await loadCuratedIncidents(REPO_DATA_DIR);
  expect(loaded.problems).toEqual([]);
  cards = loaded.value;
  hhs = parseHhsCsv(await readFile(HHS_MERGED_CSV, 'utf8'), { from: HHS_MERGED_CSV }).incidents;
  const hibpFile = path.join(SHARED_DATA_DIR, 'hibp_breaches_v3_2025-03-03.json');
  const hibp = parseHibpJson(await readFile(hibpFile, 'utf8'), { from: hibpFile }).incidents;
  // Search is judged among everything a full deployment holds, not among the cards alone.
  index = buildSearchIndex(mergeFilings(cards, [...hhs, ...hibp]).incidents);
});

describe('the curated cards', () => {
  it('each has a summary, sources, lessons and a discussion question', () => {
    for (const card of cards) {
      expect(card.origin, card.id).toBe('curated');
      expect(card.summary?.length, card.id).toBeGreaterThan(40);
      expect(card.sources.length, card.id).toBeGreaterThan(0);
      expect(card.lessons.length, card.id).toBeGreaterThan(0);
      expect(card.discussionQuestion, card.id).toBeTruthy();
    }
  });

  it('agree with the HHS OCR record of the same incident, or say why not', () => {
    const unexplained: string[] = [];
    for (const card of cards) {
      const record = officialRecordOf(card);
      if (!record) continue;
      const notes = card.origin === 'curated' ? (card.officialRecordNotes ?? {}) : {};
      const compare = (field: 'state' | 'individualsAffected' | 'disclosed') => {
        if (card[field] !== record[field] && !notes[field]) {
          unexplained.push(
            `${card.id}: ${field} is ${card[field]}, HHS OCR says ${record[field]} (${record.organization})`,
          );
        }
      };
      compare('state');
      compare('individualsAffected');
      compare('disclosed');
    }
    expect(unexplained).toEqual([]);
  });

  it('agree with the HHS OCR record on entity type and location, or say in the timeline what HHS lists', () => {
    // The schema's officialRecordNotes has no entry for these two fields, so a card that differs
    // says so where readers see it: a timeline entry naming HHS and what HHS lists.
    const unexplained: string[] = [];
    for (const card of cards) {
      const record = officialRecordOf(card);
      if (!record) continue;
      const hhsEntries = card.timeline
        .map((entry) => entry.event.toLowerCase())
        .filter((event) => event.includes('hhs'));
      const saysWhatHhsLists = (words: string) => hhsEntries.some((event) => event.includes(words));
      if (record.entityType && card.entityType !== record.entityType) {
        const words = hhsWords(ENTITY_TYPE_LABELS[record.entityType]);
        if (!saysWhatHhsLists(words)) {
          unexplained.push(
            `${card.id}: entityType is ${card.entityType}, HHS OCR says ${record.entityType} (${record.organization})`,
          );
        }
      }
      const cardLocations = card.locations.filter((location) => HHS_LOCATIONS.has(location)).sort();
      const hhsLocations = [...record.locations].sort();
      if (cardLocations.join() !== hhsLocations.join()) {
        const missing = hhsLocations.filter((location) => !saysWhatHhsLists(hhsWords(LOCATION_LABELS[location])));
        if (missing.length > 0 || hhsLocations.length === 0) {
          unexplained.push(
            `${card.id}: locations are ${card.locations.join(', ')}, HHS OCR says ${hhsLocations.join(', ')} (${record.organization})`,
          );
        }
      }
    }
    expect(unexplained).toEqual([]);
  });

  it('include the two the product was first asked about, matched to their HHS rows', () => {
    expect(officialRecordOf(card('healthec-2023'))?.individualsAffected).toBe(4786241);
    expect(officialRecordOf(card('arx-patient-solutions-2022'))?.disclosed).toBe('2023-06-30');
  });

  it("name HealthEC's affected clients, each in a source's title, and are found by them", () => {
    const healthec = card('healthec-2023');
    expect(healthec.relatedOrganizations).toEqual(
      expect.arrayContaining([
        'Corewell Health',
        'Beaumont ACO',
        'HonorHealth',
        'State of Tennessee, Division of TennCare',
      ]),
    );
    const titles = healthec.sources.map((source) => source.title.replace(/\s+/g, ' ')).join(' | ');
    const unsourced = healthec.relatedOrganizations.filter(
      (name) => !titles.includes(name.replace(/^State of Tennessee, /, '')),
    );
    expect(unsourced).toEqual([]);
    // A patient's letter names their provider and the vendor; the provider alone finds the vendor too.
    for (const query of ['Corewell Health HealthEC', 'Beaumont ACO', 'HonorHealth', 'KidneyLink']) {
      expect(index.search(query).hits[0]?.incident.id, query).toBe('healthec-2023');
    }
  });

  it('are found by name, by an alias with a typo, and by a plain question', () => {
    const misses: string[] = [];
    for (const entry of cards) {
      const typoName = withTypo(longestName(entry));
      const queries = [entry.organization, typoName, `was ${entry.organization} hacked?`].filter(
        (query): query is string => query !== undefined,
      );
      for (const query of queries) {
        const top = index.search(query).hits[0]?.incident.id;
        if (top !== entry.id) misses.push(`"${query}" -> ${top ?? 'nothing'}, expected ${entry.id}`);
      }
    }
    expect(misses).toEqual([]);
  });
});

function card(id: string): Incident {
  const found = cards.find((entry) => entry.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

/** The HHS row for the same incident: same organisation by name or alias, closest filing date. */
function officialRecordOf(entry: Incident): Incident | undefined {
  const names = new Set([entry.organization, ...entry.aliases].map(organizationKey));
  return hhs
    .filter((record) => names.has(organizationKey(record.organization)))
    .filter(
      (record) =>
        !entry.disclosed || !record.disclosed || daysBetween(entry.disclosed, record.disclosed) <= SAME_INCIDENT_DAYS,
    )
    .sort((a, b) => distance(entry, a) - distance(entry, b))[0];
}

/** A label as a timeline would word it: "Business associate (vendor)" -> "business associate". */
function hhsWords(label: string): string {
  return label.replace(/\s*\(.*\)$/, '').toLowerCase();
}

function distance(entry: Incident, record: Incident): number {
  return entry.disclosed && record.disclosed ? daysBetween(entry.disclosed, record.disclosed) : 0;
}

/** The name or alias with the longest word, the one a typo is most likely in. */
function longestName(entry: Incident): string {
  return [entry.organization, ...entry.aliases].sort(
    (a, b) => longestWord(b).length - longestWord(a).length,
  )[0] as string;
}

function longestWord(name: string): string {
  return name.split(/\s+/).sort((a, b) => b.length - a.length)[0] ?? '';
}

/** Swaps two letters in the middle of the longest word: the commonest typo. */
function withTypo(name: string): string | undefined {
  const word = longestWord(name);
  if (word.length < 5) return undefined;
  const middle = Math.floor(word.length / 2);
  const typo = word.slice(0, middle - 1) + word[middle] + word[middle - 1] + word.slice(middle + 1);
  return typo === word ? undefined : name.replace(word, typo);
}
