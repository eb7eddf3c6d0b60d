import { beforeAll, describe, expect, it } from 'vitest';
import {
  ABSENT_KINDS,
  EVAL_TARGET,
  type EvalSets,
  evaluate,
  overall,
  PRESENT_KINDS,
  readEvalSets,
} from '../../bench/eval/eval-sets.js';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import { loadAnswerContext } from '../../src/answer/load-answer-context.js';
import { IMPORT_SOURCES, readShippedCollection } from '../../src/incidents/imported-store.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import type { Incident } from '../../src/incidents/model.js';
import { organizationKey } from '../../src/incidents/organization-name.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let sets: EvalSets;
beforeAll(async () => {
  sets = await readEvalSets();
});

describe('the evaluation sets', () => {
  it('have at least 200 queries each, of every kind', () => {
    expect(sets.present.length).toBeGreaterThanOrEqual(200);
    expect(sets.absent.length).toBeGreaterThanOrEqual(200);
    for (const kind of PRESENT_KINDS) expect(sets.present.some((entry) => entry.kind === kind)).toBe(true);
    for (const kind of ABSENT_KINDS) expect(sets.absent.some((entry) => entry.kind === kind)).toBe(true);
    expect(new Set(sets.absent.map((entry) => organizationKey(entry.organization))).size).toBe(sets.absent.length);
  });

  it('name in each absent query an organisation no shipped list or curated card has', async () => {
    const curated = await loadCuratedIncidents(REPO_DATA_DIR);
    const lists = await Promise.all(IMPORT_SOURCES.map((source) => readShippedCollection(REPO_DATA_DIR, source)));
    const records: Incident[] = [...curated.value, ...lists.flatMap((list) => list.value.incidents)];
    expect(records.length).toBeGreaterThan(5_000);
    const names = new Set(
      records.flatMap((record) =>
        [record.organization, ...record.aliases, ...record.relatedOrganizations].map(organizationKey).filter(Boolean),
      ),
    );
    // Each run of neighbouring words of a name, without spaces: "ChristianaCare" is "Christiana Care".
    const runs = new Set(
      [...names].flatMap((name) => {
        const words = name.split(' ');
        return words.flatMap((_, start) =>
          words.slice(start).map((__, end) => words.slice(start, start + end + 1).join('')),
        );
      }),
    );
    const problems: string[] = [];
    for (const entry of sets.absent) {
      const key = organizationKey(entry.organization);
      if (!organizationKey(entry.query).includes(key))
        problems.push(`${entry.query}: does not name ${entry.organization}`);
      const there = [...names].find((name) => name.includes(key));
      if (there) problems.push(`${entry.organization}: is part of the shipped name "${there}"`);
      if (runs.has(key.replace(/ /g, '')))
        problems.push(`${entry.organization}: a shipped name has it, spaced otherwise`);
      // A shipped name said whole inside it, as "Walgreen" is in "Walgreen Pharmacy".
      const inside = [...names].find((name) => name.length >= 4 && ` ${key} `.includes(` ${name} `));
      if (inside) problems.push(`${entry.organization}: has the shipped name "${inside}" in it`);
    }
    expect(problems).toEqual([]);
  });
});

describe('breachbot on the evaluation sets, over the shipped data', () => {
  let context: AnswerContext;
  beforeAll(async () => {
    context = await loadAnswerContext(REPO_DATA_DIR);
  }, 120_000);

  it(`finds the organisation asked about, and says when it has no record, at least ${EVAL_TARGET} of the time`, () => {
    const outcome = evaluate(
      (query) => {
        const answer = answerQuery(query, context);
        return answer.kind === 'incident' ? answer.match.incident : undefined;
      },
      sets,
      context.dataset.incidents,
    );
    const misses = outcome.misses.map(
      (miss) => `${miss.set} ${miss.kind} "${miss.query}": got ${miss.got ?? 'no record'}`,
    );
    expect({ present: overall(outcome.present) >= EVAL_TARGET, misses }).toMatchObject({ present: true });
    expect({ absent: overall(outcome.absent) >= EVAL_TARGET, misses }).toMatchObject({ absent: true });
  });
});
