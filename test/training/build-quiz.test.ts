import { describe, expect, it } from 'vitest';
import type { Guidance } from '../../src/guidance/model.js';
import { checklistsFor } from '../../src/guidance/steps-for.js';
import { DATA_TYPES, dataTypeLabel } from '../../src/incidents/data-types.js';
import { BREACH_TYPE_LABELS, LOCATION_LABELS } from '../../src/incidents/labels.js';
import type { Incident, IncidentInput } from '../../src/incidents/model.js';
import { buildQuiz, type QuizContext } from '../../src/training/build-quiz.js';
import { DELAY_BUCKETS } from '../../src/training/delay-question.js';
import { QUIZ_CHOICE_MAX, type Quiz, type QuizQuestion, quizSchema } from '../../src/training/quiz.js';
import { makeIncident } from '../support/incident-factory.js';
import { shippedGuidance } from '../support/repo-dataset.js';

const guidance = await shippedGuidance();
const HHS = { title: 'HHS OCR breach portal', url: 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf' };
const WA = { title: 'Washington State Attorney General', url: 'https://www.atg.wa.gov/data-breach-notifications' };

function hhs(id: string, overrides: Partial<IncidentInput> = {}): Incident {
  return makeIncident({ id, organization: `Clinic ${id}`, sources: [HHS], disclosed: '2024-03-01', ...overrides });
}

function context(incidents: readonly Incident[] = [], steps: Guidance = guidance): QuizContext {
  return { incidents, guidance: steps };
}

function quizOf(incident: Incident, ctx: QuizContext = context([incident])): Quiz {
  const built = buildQuiz(incident, ctx);
  if (built.kind !== 'quiz') throw new Error(`${incident.id}: too few facts (${built.questions} questions)`);
  expect(quizSchema.safeParse(built.quiz).success).toBe(true);
  return built.quiz;
}

function question(quiz: Quiz, topic: QuizQuestion['topic'], prompt?: RegExp): QuizQuestion | undefined {
  return quiz.questions.find((each) => each.topic === topic && (!prompt || prompt.test(each.prompt)));
}

function topicsOf(incident: Incident, ctx: QuizContext = context([incident])): string[] {
  const built = buildQuiz(incident, ctx);
  return built.kind === 'quiz' ? built.quiz.questions.map((each) => each.topic) : [];
}

const right = (q: QuizQuestion) => q.choices[q.answer] as string;
const wrong = (q: QuizQuestion) => q.choices.filter((_, index) => index !== q.answer);

/** An HHS record with enough facts for a quiz, and the facts a test changes. */
function rich(id: string, overrides: Partial<IncidentInput> = {}): Incident {
  return hhs(id, {
    individualsAffected: 12_345,
    locations: ['email'],
    dataTypes: ['ssn', 'name', 'diagnosis'],
    ...overrides,
  });
}

describe('buildQuiz: what data was exposed', () => {
  it('asks for a kind the record lists, against kinds it does not, worded as what the record lists', () => {
    const incident = rich('listed', { dataTypes: ['ssn', 'name', 'date-of-birth', 'address'] });
    const q = question(quizOf(incident), 'data-exposed');
    expect(q?.prompt).toMatch(/list as exposed/);
    const listed = incident.dataTypes.map(dataTypeLabel);
    expect(listed).toContain(right(q as QuizQuestion));
    for (const choice of wrong(q as QuizQuestion)) expect(listed).not.toContain(choice);
    expect(q?.source).toEqual(HHS);
  });

  it('never offers health data as a wrong answer on a HIPAA breach, where it was involved unlisted', () => {
    const health = ['medical-record-number', 'diagnosis', 'prescription', 'treatment', 'lab-results'] as const;
    const labels = [...health, 'health-insurance', 'billing-claims'].map((type) => dataTypeLabel(type as never));
    for (let n = 0; n < 20; n++) {
      const q = question(quizOf(rich(`hipaa-${n}`, { dataTypes: ['name', 'ssn'] })), 'data-exposed');
      for (const choice of wrong(q as QuizQuestion)) expect(labels).not.toContain(choice);
    }
  });

  it('is not asked of an HHS record that lists no data, whatever the bot assumes for it', () => {
    const incident = rich('unlisted', { dataTypes: [] });
    const topics = topicsOf(incident);
    expect(topics).not.toContain('data-exposed');
    expect(topics).not.toContain('protective-step');
    expect(topics).not.toContain('staff-action');
  });

  it('prefers wrong answers other incidents of the same list have', () => {
    const others = ['payment-card', 'bank-account', 'passport'] as const;
    const incidents = Array.from({ length: 30 }, (_, n) =>
      hhs(`other-${n}`, { dataTypes: [others[n % others.length] as (typeof others)[number]] }),
    );
    const incident = rich('plausible', { dataTypes: ['name'] });
    const q = question(quizOf(incident, context([...incidents, incident])), 'data-exposed') as QuizQuestion;
    expect(new Set(wrong(q))).toEqual(new Set(others.map(dataTypeLabel)));
  });

  it('asks about another kind than the protective step names, when the record lists one', () => {
    for (let n = 0; n < 20; n++) {
      const quiz = quizOf(rich(`named-${n}`, { dataTypes: ['ssn', 'payment-card'] }));
      const step = question(quiz, 'protective-step') as QuizQuestion;
      const exposed = question(quiz, 'data-exposed') as QuizQuestion;
      expect(step.prompt).toContain(right(exposed) === 'Payment cards' ? 'Social Security numbers' : 'payment cards');
    }
  });
});

describe('buildQuiz: how it happened', () => {
  it('asks for a listed breach type, never offering another kind of intrusion as a wrong answer', () => {
    const incidents = ['theft', 'loss', 'improper-disposal', 'unauthorized-access', 'ransomware'].map((type, n) =>
      hhs(`type-${n}`, { breachTypes: [type as 'theft'] }),
    );
    const physical = (['theft', 'loss', 'improper-disposal'] as const).map((type) => BREACH_TYPE_LABELS[type]);
    for (let n = 0; n < 10; n++) {
      const incident = rich(`hacked-${n}`, { breachTypes: ['hacking'] });
      const q = question(quizOf(incident, context([...incidents, incident])), 'how-it-happened', /describe/);
      expect(right(q as QuizQuestion)).toBe(BREACH_TYPE_LABELS.hacking);
      expect(new Set(wrong(q as QuizQuestion))).toEqual(new Set(physical));
    }
  });

  it('says nothing of how when the record lists only unknown or other', () => {
    const incident = rich('unknown', { breachTypes: ['unknown', 'other'], locations: [] });
    expect(buildQuiz(incident, context([incident])).kind).toBe('quiz');
    expect(topicsOf(incident)).not.toContain('how-it-happened');
  });

  it('asks where the data was, and never offers another server-side place as wrong', () => {
    const server = (['ehr', 'database', 'website', 'cloud'] as const).map((location) => LOCATION_LABELS[location]);
    for (let n = 0; n < 20; n++) {
      // Without data types the quiz has room for where the data was.
      const incident = rich(`server-${n}`, { locations: ['network-server'], dataTypes: [] });
      const q = question(quizOf(incident), 'how-it-happened', /Where was the data/) as QuizQuestion;
      expect(right(q)).toBe(LOCATION_LABELS['network-server']);
      for (const choice of wrong(q)) expect(server).not.toContain(choice);
    }
  });
});

describe('buildQuiz: how long people waited', () => {
  const dated = (id: string, overrides: Partial<IncidentInput>) =>
    makeIncident({
      id,
      organization: `Shop ${id}`,
      origin: 'wa-ag',
      breachTypes: ['hacking'],
      residentsAffected: { state: 'WA', count: 2_000 },
      sources: [WA],
      ...overrides,
    });
  const delayOf = (incident: Incident) => question(quizOf(incident), 'notification-delay');

  it('puts exact dates in their bucket, counted from discovery', () => {
    const cases: [string, string, number][] = [
      ['2024-01-01', '2024-01-30', 0],
      ['2024-01-01', '2024-01-31', 1],
      ['2024-01-01', '2024-03-30', 1],
      ['2024-01-01', '2024-03-31', 2],
      ['2024-01-01', '2024-06-29', 3],
    ];
    for (const [discovered, disclosed, bucket] of cases) {
      const q = delayOf(dated(`exact-${discovered}-${disclosed}`, { discovered, disclosed }));
      expect(q?.choices).toEqual(DELAY_BUCKETS.map((each) => each.label));
      expect(q?.answer, `${discovered} to ${disclosed}`).toBe(bucket);
      expect(q?.prompt).toMatch(/when it was discovered/);
    }
  });

  it('never guesses a delay that month-only dates leave on either side of a bucket', () => {
    // March 2024 to 15 May 2024 is 45 to 75 days: "1 to 3 months" whatever day in March it was.
    expect(delayOf(dated('month-inside', { discovered: '2024-03', disclosed: '2024-05-15' }))?.answer).toBe(1);
    // March 2024 to 20 April 2024 is 20 to 50 days: it may be under or over a month.
    const straddling = dated('month-straddles', { discovered: '2024-03', disclosed: '2024-04-20' });
    expect(topicsOf(straddling)).not.toContain('notification-delay');
  });

  it('counts from the end or start of the intrusion when the discovery is not dated, and says so', () => {
    const q = delayOf(
      dated('ended', { occurred: { start: '2024-01-01', end: '2024-01-05' }, disclosed: '2024-09-01' }),
    );
    expect(q?.prompt).toMatch(/when the intrusion ended/);
    expect(q?.answer).toBe(3);
  });

  it('is not asked without both dates, nor of Have I Been Pwned, whose date is when it listed the breach', () => {
    expect(topicsOf(dated('undated', { disclosed: '2024-05-01' }))).not.toContain('notification-delay');
    const hibp = makeIncident({
      id: 'hibp-site',
      organization: 'Site',
      origin: 'hibp',
      breachTypes: ['unknown'],
      occurred: { start: '2020-01-01' },
      disclosed: '2020-01-10',
      individualsAffected: 50_000,
      dataTypes: ['email', 'login-credentials'],
      sources: [{ title: 'Have I Been Pwned: Site', url: 'https://haveibeenpwned.com/Breach/Site' }],
    });
    expect(topicsOf(hibp)).not.toContain('notification-delay');
  });

  it('cites the list that gave the dates, not the HHS page, which gives none', () => {
    const incident = rich('merged', {
      discovered: '2024-01-10',
      disclosed: '2024-02-01',
      sources: [HHS, WA],
      filings: [{ source: 'HHS OCR breach portal', origin: 'hhs-ocr', url: HHS.url, individualsAffected: 12_345 }],
    });
    expect(question(quizOf(incident), 'notification-delay')?.source).toEqual(WA);
  });
});

describe('buildQuiz: which protective step fits', () => {
  it('takes the right step from a checklist for listed data, wrong ones from checklists that do not apply', () => {
    for (const types of [['ssn'], ['payment-card', 'name'], ['email', 'login-credentials'], ['diagnosis']] as const) {
      const incident = rich(`steps-${types.join('-')}`, { dataTypes: [...types] });
      const q = question(quizOf(incident), 'protective-step') as QuizQuestion;
      const applying = checklistsFor(guidance, incident.dataTypes).flatMap((checklist) => checklist.steps);
      const step = applying.find((each) => each.text.startsWith(right(q)));
      expect(step, right(q)).toBeDefined();
      expect(q.source).toEqual(step?.source);
      const everyStep = guidance.checklists.flatMap((checklist) => checklist.steps.map((each) => each.text));
      for (const choice of wrong(q)) {
        expect(applying.some((each) => each.text.startsWith(choice))).toBe(false);
        expect(everyStep.some((text) => text.startsWith(choice))).toBe(true);
      }
    }
  });

  it('offers a step only in its own words, whole sentences that fit a button', () => {
    const incident = rich('fits', { dataTypes: ['ssn', 'name'] });
    const q = question(quizOf(incident), 'protective-step') as QuizQuestion;
    for (const choice of q.choices) {
      expect(choice.length).toBeLessThanOrEqual(QUIZ_CHOICE_MAX);
      const text = guidance.checklists.flatMap((c) => c.steps).find((each) => each.text.startsWith(choice))?.text;
      // A choice ends where the step's sentence (or clause before a semicolon) ends.
      expect(['.', ';'].some((end) => text?.startsWith(choice.endsWith('.') ? choice : `${choice}${end}`))).toBe(true);
    }
  });

  it('is left out when no step of a listed kind fits a button', () => {
    expect(topicsOf(rich('insurance', { dataTypes: ['health-insurance'] }))).not.toContain('protective-step');
  });
});

describe('buildQuiz: what staff should do at work', () => {
  it("answers in the guidance's own sentence about work, with its source, against plainly wrong actions", () => {
    const incident = rich('phished', { dataTypes: ['email', 'phone'] });
    const q = question(quizOf(incident), 'staff-action') as QuizQuestion;
    const step = guidance.checklists
      .flatMap((checklist) => checklist.steps)
      .find((each) => each.text.includes(right(q)));
    expect(right(q)).toMatch(/^At work,/);
    expect(q.source).toEqual(step?.source);
    for (const choice of wrong(q)) expect(step?.text).not.toContain(choice);
  });

  it('is not asked when the guidance says nothing about work for what was exposed', () => {
    expect(topicsOf(rich('cards-only', { dataTypes: ['payment-card'] }))).not.toContain('staff-action');
    const silent: Guidance = {
      ...guidance,
      checklists: guidance.checklists.map((checklist) => ({
        ...checklist,
        steps: checklist.steps.map((step) => ({ ...step, text: step.text.replace(/At work,[^.]*\./, '') })),
      })),
    };
    const incident = rich('no-work-advice', { dataTypes: ['email', 'phone'] });
    expect(topicsOf(incident, context([incident], silent))).not.toContain('staff-action');
  });
});

describe('buildQuiz: how many were affected', () => {
  const boundsOf = (label: string): [number, number] => {
    const numbers = [...label.matchAll(/[\d,]+/g)].map((match) => Number(match[0].replace(/,/g, '')));
    if (label.startsWith('Fewer than')) return [0, (numbers[0] as number) - 1];
    if (label.endsWith('or more')) return [numbers[0] as number, Number.POSITIVE_INFINITY];
    return [numbers[0] as number, numbers[1] as number];
  };

  it('puts the stated figure in the right order of magnitude, credited to the filing that gives it', () => {
    for (const count of [600, 9_999, 10_000, 250_000, 4_786_241, 192_700_000]) {
      const incident = rich(`count-${count}`, {
        individualsAffected: count,
        filings: [{ source: 'HHS OCR breach portal', origin: 'hhs-ocr', individualsAffected: count, url: HHS.url }],
      });
      const q = question(quizOf(incident), 'people-affected') as QuizQuestion;
      const [low, high] = boundsOf(right(q));
      expect(count).toBeGreaterThanOrEqual(low);
      expect(count).toBeLessThanOrEqual(high);
      for (const choice of wrong(q)) {
        const [wrongLow, wrongHigh] = boundsOf(choice);
        expect(count < wrongLow || count > wrongHigh).toBe(true);
      }
      expect(q.prompt).toMatch(/^According to the HHS OCR breach portal, how many people/);
      expect(q.source).toEqual(HHS);
    }
  });

  it("counts Have I Been Pwned's accounts as accounts and a state's residents as that state's", () => {
    const hibp = makeIncident({
      id: 'hibp-forum',
      organization: 'Forum',
      origin: 'hibp',
      breachTypes: ['unknown'],
      individualsAffected: 70_000,
      dataTypes: ['email', 'login-credentials', 'username'],
      sources: [{ title: 'Have I Been Pwned: Forum', url: 'https://haveibeenpwned.com/Breach/Forum' }],
    });
    expect(question(quizOf(hibp), 'people-affected')?.prompt).toMatch(/how many accounts/);
    const wa = makeIncident({
      id: 'wa-shop',
      organization: 'Shop',
      origin: 'wa-ag',
      breachTypes: ['ransomware'],
      residentsAffected: { state: 'WA', count: 800 },
      discovered: '2024-01-01',
      disclosed: '2024-02-15',
      sources: [WA],
    });
    expect(question(quizOf(wa), 'people-affected')?.prompt).toMatch(/how many Washington residents/);
  });

  it('is not asked without a figure, or of a zero', () => {
    expect(topicsOf(rich('uncounted', { individualsAffected: undefined }))).not.toContain('people-affected');
    expect(topicsOf(rich('zero', { individualsAffected: 0 }))).not.toContain('people-affected');
  });
});

describe('buildQuiz: the quiz', () => {
  it('says too few facts rather than asking filler, with how many honest questions there were', () => {
    const bare = hhs('bare', { breachTypes: ['unknown'], individualsAffected: 900 });
    expect(buildQuiz(bare, context([bare]))).toEqual({
      kind: 'too-few-facts',
      incidentId: 'bare',
      organization: 'Clinic bare',
      questions: 1,
    });
    // Facts with nowhere stated to cite are no questions either: only the steps, which cite the guidance's sources.
    const unsourced = rich('unsourced', { sources: [] });
    expect(buildQuiz(unsourced, context([unsourced]))).toMatchObject({ kind: 'too-few-facts', questions: 2 });
    expect(topicsOf(rich('sourced'))).toHaveLength(5);
  });

  it('asks at most five, the most telling first', () => {
    const quiz = quizOf(rich('full', { discovered: '2024-01-01', disclosed: '2024-01-20' }));
    expect(quiz.questions.map((q) => q.topic)).toEqual([
      'data-exposed',
      'how-it-happened',
      'notification-delay',
      'protective-step',
      'staff-action',
    ]);
  });

  it('is the same quiz for the same incident and data, and another for another incident', () => {
    const incidents = Array.from({ length: 40 }, (_, n) =>
      rich(`same-${n}`, { dataTypes: DATA_TYPES.filter((_, index) => (index + n) % 4 === 0) }),
    );
    const ctx = context(incidents);
    const quizzes = incidents.map((incident) => buildQuiz(incident, ctx));
    expect(incidents.map((incident) => buildQuiz(incident, context([...incidents])))).toEqual(quizzes);
    expect(new Set(quizzes.map((built) => JSON.stringify(built.kind === 'quiz' && built.quiz.questions))).size).toBe(
      incidents.length,
    );
  });

  it('moves the right answer around: never the same button twice running where choices can move', () => {
    const spread = new Set<number>();
    for (let n = 0; n < 60; n++) {
      const incident = rich(`moves-${n}`, { dataTypes: ['ssn', 'email', 'name'] });
      const questions = quizOf(incident).questions;
      const answers = questions.map((q) => q.answer);
      expect(new Set(answers).size, answers.join()).toBeGreaterThan(1);
      questions.forEach((q, index) => {
        const before = questions[index - 1];
        if (index > 0 && q.topic !== 'people-affected' && before) expect(q.answer).not.toBe(before.answer);
        spread.add(q.answer);
      });
    }
    expect(spread).toEqual(new Set([0, 1, 2, 3]));
  });

  it('costs a few milliseconds at most over 100,000 incidents, the counting done once per list', () => {
    const types = DATA_TYPES;
    const template = rich('template');
    const incidents: Incident[] = Array.from({ length: 100_000 }, (_, n) => ({
      ...template,
      id: `bulk-${n}`,
      dataTypes: [
        types[n % types.length] as (typeof types)[number],
        types[(n * 7) % types.length] as (typeof types)[number],
      ],
    }));
    const ctx = context(incidents);
    buildQuiz(incidents[0] as Incident, ctx);
    const started = performance.now();
    for (let n = 1; n <= 200; n++) buildQuiz(incidents[n * 97] as Incident, ctx);
    expect((performance.now() - started) / 200).toBeLessThan(3);
  });
});
