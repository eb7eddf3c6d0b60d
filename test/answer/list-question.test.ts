import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import { createBreachService } from '../../src/answer/breach-service.js';
import {
  organizationNames,
  parseListQuestion,
  type RankedList,
  rankList,
  todayIn,
} from '../../src/answer/list-question.js';
import type { Answer } from '../../src/answer/types.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';
import { answerContextFor } from '../support/repo-dataset.js';

const TODAY = '2026-08-25';
const parse = (text: string, today = TODAY) => parseListQuestion(text, today);

describe('parseListQuestion: what a list question says', () => {
  it('reads plain state names, several words long, and capital codes', () => {
    expect(parse('breaches in Texas')?.states).toEqual(['TX']);
    expect(parse('breaches in new jersey')?.states).toEqual(['NJ']);
    expect(parse('hospital breaches in North Carolina and South Dakota')?.states).toEqual(['NC', 'SD']);
    expect(parse('breaches in the District of Columbia')?.states).toEqual(['DC']);
    expect(parse('breaches in TX')?.states).toEqual(['TX']);
    // Codes that are English words stay words; lower case is never a code.
    expect(parse('breaches in tx')).toBeUndefined();
    expect(parse('show me breaches in OR')?.states).toEqual([]);
  });

  it('reads years, and "this year" and "last year" from the given day', () => {
    expect(parse('biggest breaches 2024')?.period).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
    expect(parse('breaches in Texas this year')?.period).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-31',
      label: 'this year (2026)',
    });
    expect(parse('breaches last year', '2026-01-01')?.period).toMatchObject({ from: '2025-01-01', to: '2025-12-31' });
    expect(parse('breaches last month', '2026-01-15')?.period).toMatchObject({ from: '2025-12-01' });
    expect(parse('breaches in the past 12 months')?.period).toMatchObject({ from: '2025-08-26', to: TODAY });
    expect(parse('breaches since 2024')?.period).toMatchObject({ from: '2024-01-01', to: TODAY });
    // Two times in one question is not something a list can answer.
    expect(parse('breaches in 2023 last year')).toBeUndefined();
  });

  it('takes "this year" in the bot\'s time zone, where the date may differ from UTC', () => {
    // 31 December 2025, 12:00 UTC is already 1 January 2026 in Auckland, and still 2025 in Los Angeles.
    const instant = () => Date.parse('2025-12-31T12:00:00Z');
    const auckland = todayIn('Pacific/Auckland', instant)();
    const losAngeles = todayIn('America/Los_Angeles', instant)();
    expect(auckland).toBe('2026-01-01');
    expect(losAngeles).toBe('2025-12-31');
    expect(parse('breaches this year', auckland)?.period?.from).toBe('2026-01-01');
    expect(parse('breaches this year', losAngeles)?.period?.from).toBe('2025-01-01');
  });

  it('reads kinds of organisation and kinds of breach in plain words', () => {
    expect(parse('hospital breaches in California')?.kinds).toEqual(['hospital']);
    expect(parse('latest breaches at pharmacies')?.kinds).toEqual(['pharmacy']);
    expect(parse('ransomware attacks on health plans last year')).toMatchObject({
      kinds: ['plan'],
      breachTypes: ['ransomware'],
    });
    expect(parse('breaches at insurance companies')?.kinds).toEqual(['plan']);
    expect(parse('dentist breaches')?.kinds).toEqual(['dental']);
    expect(parse('lab breaches 2023')?.kinds).toEqual(['lab']);
    expect(parse('vendor breaches')?.kinds).toEqual(['vendor']);
    expect(parse('breaches at banks')?.kinds).toEqual(['finance']);
    expect(parse('phishing breaches at clinics')).toMatchObject({
      kinds: ['clinic'],
      breachTypes: ['email-compromise'],
    });
    expect(parse('which hospitals were hacked in 2024')?.kinds).toEqual(['hospital']);
  });

  it('reads the order asked for, and how many to show', () => {
    expect(parse('biggest breaches')).toMatchObject({ order: 'largest', orderAsked: true });
    expect(parse('largest hospital breaches')?.order).toBe('largest');
    expect(parse('most recent breaches in Ohio')).toMatchObject({ order: 'newest', orderAsked: true });
    expect(parse('latest breaches at pharmacies')?.order).toBe('newest');
    expect(parse('breaches in Ohio')).toMatchObject({ order: 'newest', orderAsked: false });
    expect(parse('top 5 breaches 2025')).toMatchObject({ order: 'largest', shown: 5 });
    expect(parse('new breaches in new york')).toMatchObject({ order: 'newest', states: ['NY'] });
    expect(parse('biggest latest breaches')).toBeUndefined();
  });

  it('reads typed filters too, and refuses a question with a filter it cannot use', () => {
    expect(parse('biggest breaches state:new jersey')?.filters.states).toEqual(['NJ']);
    expect(parse('biggest breaches state:XX')).toBeUndefined();
  });

  it('is not a list question without a word asking for many, or with a word it does not know', () => {
    for (const text of [
      'HealthEC breach 2023',
      'was Kaiser hacked',
      'kansas child patient prescription breach',
      'Texas breach',
      'helthec',
      'arx patient',
      'change healthcare breaches',
      'Kaiser breaches this year',
      'biggest breach at HealthEC',
      'U.S. Bank breaches',
      'Пара Па breaches',
      'steps ssn',
    ]) {
      expect(parse(text), text).toBeUndefined();
    }
  });

  it('leaves a place and a kind that together name an organisation to the name search', () => {
    const isName = organizationNames([
      makeIncident({ organization: 'Florida Hospital' }),
      makeIncident({ organization: 'Maine Medical Center' }),
    ]);
    expect(parseListQuestion('Florida Hospital breaches', TODAY, isName)).toBeUndefined();
    expect(parseListQuestion('Maine Medical Center breaches', TODAY, isName)).toBeUndefined();
    expect(parseListQuestion('hospital breaches in Florida', TODAY, isName)?.states).toEqual(['FL']);
  });
});

describe('rankList', () => {
  const incidents = [
    makeIncident({
      id: 'a',
      organization: 'Alpha Hospital',
      state: 'CA',
      disclosed: '2025-03-01',
      individualsAffected: 10,
    }),
    makeIncident({
      id: 'b',
      organization: 'Beta Clinic',
      state: 'CA',
      disclosed: '2025-06-01',
      individualsAffected: 500,
    }),
    makeIncident({
      id: 'c',
      organization: 'Gamma Hospital',
      state: 'IL',
      disclosed: '2025-07-01',
      individualsAffected: 900,
    }),
    makeIncident({
      id: 'd',
      organization: 'Delta Hospital',
      state: 'CA',
      disclosed: '2024-12-30',
      individualsAffected: 99,
    }),
  ];
  const ids = (list: RankedList) => list.incidents.map((incident) => incident.id);

  it('counts what matches and ranks it by the order asked', () => {
    const hospitals = rankList(
      parse('hospital breaches in California') as NonNullable<ReturnType<typeof parse>>,
      incidents,
    );
    expect(hospitals.total).toBe(2);
    expect(ids(hospitals)).toEqual(['a', 'd']);
    expect(hospitals.title).toBe('Breaches at hospitals in California');
    expect(hospitals.notes).toEqual(['hospitals matched by name']);
    const biggest = rankList(parse('biggest breaches 2025') as NonNullable<ReturnType<typeof parse>>, incidents);
    expect(ids(biggest)).toEqual(['c', 'b', 'a']);
    expect(biggest.individuals).toBe(1410);
    expect(biggest.title).toBe('Largest breaches disclosed in 2025');
  });
});

describe('list questions on the shipped data', () => {
  let context: AnswerContext;
  beforeAll(async () => {
    context = { ...(await answerContextFor(REPO_DATA_DIR)), today: () => TODAY };
  }, 60_000);

  const list = (answer: Answer): RankedList => {
    if (answer.kind !== 'ranked-list') throw new Error(`expected a list, got ${answer.kind}`);
    return answer.list;
  };

  it('"biggest breaches 2024": the largest first, Change Healthcare among them', () => {
    const answer = list(answerQuery('biggest breaches 2024', context));
    expect(answer.total).toBeGreaterThan(500);
    expect(answer.incidents).toHaveLength(10);
    const counts = answer.incidents.map((incident) => incident.individualsAffected ?? 0);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(answer.incidents.map((incident) => incident.id)).toContain('change-healthcare-2024');
    expect(answer.incidents.every((incident) => incident.disclosed?.startsWith('2024'))).toBe(true);
  });

  it('"breaches in Texas this year": every Texas disclosure of the year, newest first', () => {
    const answer = list(answerQuery('breaches in Texas this year', context));
    expect(answer.total).toBeGreaterThan(1);
    expect(answer.incidents.every((incident) => incident.state === 'TX')).toBe(true);
    expect(answer.incidents.every((incident) => incident.disclosed?.startsWith('2026'))).toBe(true);
    const dates = answer.incidents.map((incident) => incident.disclosed ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(answer.title).toBe('Breaches in Texas disclosed this year (2026)');
  });

  it('"hospital breaches in California": hospitals in California only', () => {
    const answer = list(answerQuery('hospital breaches in California', context));
    expect(answer.total).toBeGreaterThan(20);
    expect(answer.incidents.every((incident) => incident.state === 'CA')).toBe(true);
    expect(
      answer.incidents.every((incident) => /hospital|medical cent|health ?(care )?system/i.test(incident.organization)),
    ).toBe(true);
  });

  it('"latest breaches at pharmacies": matched by name, and says so', () => {
    const answer = list(answerQuery('latest breaches at pharmacies', context));
    expect(answer.notes).toContain('pharmacies matched by name');
    const names = answer.incidents.map((incident) => incident.organization);
    expect(names.some((name) => /pharmacy/i.test(name))).toBe(true);
    expect(names.some((name) => /alcohol|abuse/i.test(name))).toBe(false);
  });

  it('"ransomware attacks on health plans last year": health plans, ransomware as filed or described', () => {
    const answer = list(answerQuery('ransomware attacks on health plans last year', context));
    expect(answer.title).toBe('Ransomware breaches at health plans disclosed last year (2025)');
    for (const incident of answer.incidents) {
      expect(incident.entityType === 'health-plan' || /health/i.test(incident.sector ?? '')).toBe(true);
    }
    const older = list(answerQuery('ransomware attacks on health plans', context));
    expect(older.total).toBeGreaterThan(0);
  });

  it('still answers name questions and descriptions with the name search', () => {
    for (const [text, id] of [
      ['HealthEC breach 2023', 'healthec-2023'],
      ['was Kaiser hacked', 'kaiser-permanente-2024'],
      ['kansas child patient prescription breach', 'arx-patient-solutions-2022'],
      ['Change Healthcare breaches', 'change-healthcare-2024'],
    ] as const) {
      const answer = answerQuery(text, context);
      expect(answer.kind, text).toBe('incident');
      expect(answer.kind === 'incident' && answer.match.incident.id, text).toBe(id);
    }
  });

  it("never reads a real organisation's name, asked about, as a list question", () => {
    const isName = organizationNames(context.dataset.incidents);
    const taken = new Set<string>();
    for (const incident of context.dataset.incidents) {
      for (const name of [incident.organization, ...incident.aliases]) {
        for (const text of [
          `${name} breaches`,
          `was ${name} hacked`,
          `${name} breach 2023`,
          `biggest ${name} breaches`,
        ]) {
          if (parseListQuestion(text, TODAY, isName)) taken.add(name);
        }
      }
    }
    // An organisation some list called "New": "new breaches" asks for the newest, as anyone means it.
    expect([...taken].filter((name) => name.toLowerCase() !== 'new')).toEqual([]);
  });

  it('keeps `latest 5` and `latest`, and answers "latest breaches in Ohio" as a list', () => {
    expect(answerQuery('latest 5', context).kind).toBe('latest');
    expect(answerQuery('latest', context).kind).toBe('latest');
    expect(answerQuery('latest nonsense words', context).kind).toBe('usage');
    expect(list(answerQuery('latest breaches in Ohio', context)).question.states).toEqual(['OH']);
  });

  it('the service answers "this year" for the day it is asked, not the day it was cached', () => {
    let day = '2025-12-31';
    const service = createBreachService(context.dataset, context.index, { today: () => day });
    const before = list(service.answer('breaches this year'));
    day = '2026-01-01';
    const after = list(service.answer('breaches this year'));
    expect(before.question.period?.from).toBe('2025-01-01');
    expect(after.question.period?.from).toBe('2026-01-01');
    expect(service.answer('breaches this year')).toBe(service.answer('breaches this year'));
  });
});
