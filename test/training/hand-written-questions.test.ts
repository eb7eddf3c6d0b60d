import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/dataset/load-dataset.js';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import { loadCuratedIncidents } from '../../src/incidents/load-curated.js';
import { type Incident, incidentSchema } from '../../src/incidents/model.js';
import { parseYamlFiles } from '../../src/incidents/parsed-yaml-cache.js';
import { formatProblem } from '../../src/incidents/problems.js';
import { buildQuiz } from '../../src/training/build-quiz.js';
import { quizSchema } from '../../src/training/quiz.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';
import { shippedDataCopy } from '../support/repo-dataset.js';

let dataDir: string;
let dataset: Dataset;
let withQuiz: Incident[];

beforeAll(async () => {
  dataDir = await shippedDataCopy();
  const loaded = await loadDataset(dataDir, { trustShipped: true });
  if (!loaded.dataset) throw new Error('the shipped data did not load');
  dataset = loaded.dataset;
  withQuiz = dataset.incidents.filter((incident) => incident.origin === 'curated' && incident.quiz);
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

const handWritten = (incident: Incident) => (incident.origin === 'curated' ? (incident.quiz ?? []) : []);

describe("curated cards' own questions", () => {
  it('are on three or four cards, and load with no problems', async () => {
    expect(withQuiz.length).toBeGreaterThanOrEqual(3);
    expect(withQuiz.length).toBeLessThanOrEqual(4);
    expect((await loadCuratedIncidents(REPO_DATA_DIR)).problems.map(formatProblem)).toEqual([]);
  });

  it("come first in the card's quiz, as written, with the right choice judged right", () => {
    for (const card of withQuiz) {
      const built = buildQuiz(card, dataset);
      expect(built.kind, card.id).toBe('quiz');
      if (built.kind !== 'quiz') continue;
      expect(quizSchema.safeParse(built.quiz).success).toBe(true);
      const own = handWritten(card);
      own.forEach((written, index) => {
        const asked = built.quiz.questions[index];
        expect(asked?.topic).toBe('hand-written');
        expect(asked?.prompt).toBe(written.question);
        expect(new Set(asked?.choices)).toEqual(new Set(written.choices));
        expect(asked?.choices[asked.answer]).toBe(written.answer);
        expect(asked?.explanation).toBe(written.explanation);
        expect(asked?.source).toEqual(written.source ?? card.sources[0]);
      });
      // These cards state plenty: questions built from their facts fill the quiz up to five.
      expect(built.quiz.questions.length).toBe(5);
      expect(built.quiz.questions.slice(own.length).every((q) => q.topic !== 'hand-written')).toBe(true);
    }
  });

  it('take the source of the card when a question names none', () => {
    const card = makeIncident({
      id: 'own-source',
      organization: 'Own Source Clinic',
      origin: 'curated',
      summary: 'What happened.',
      lessons: ['What to learn.'],
      sources: [{ title: 'The notice', url: 'https://example.org/notice' }],
      quiz: [0, 1, 2].map((n) => ({
        question: `Question ${n}?`,
        choices: ['Right', 'Wrong', 'Also wrong'],
        answer: 'Right',
        explanation: `Because of ${n}.`,
      })),
    });
    const built = buildQuiz(card, { incidents: [card], guidance: dataset.guidance });
    expect(built.kind).toBe('quiz');
    if (built.kind !== 'quiz') return;
    const own = built.quiz.questions.slice(0, 3);
    expect(own.map((asked) => asked.topic)).toEqual(['hand-written', 'hand-written', 'hand-written']);
    for (const asked of own) {
      expect(asked.source).toEqual({ title: 'The notice', url: 'https://example.org/notice' });
      expect(asked.choices[asked.answer]).toBe('Right');
    }
    // Shown in any order: not always the same button.
    expect(new Set(own.map((asked) => asked.answer)).size).toBeGreaterThan(1);
  });

  it('come through the parse cache unchanged', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-quiz-cache-'));
    try {
      const dir = path.join(REPO_DATA_DIR, 'incidents');
      const files = await Promise.all(
        withQuiz.map(async ({ id }) => ({
          name: `${id}.yaml`,
          text: await readFile(path.join(dir, `${id}.yaml`), 'utf8'),
        })),
      );
      const parsed = await parseYamlFiles(files, cacheDir);
      const cached = await parseYamlFiles(files, cacheDir);
      expect((await readdir(cacheDir)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
      expect(cached).toEqual(parsed);
      for (const file of cached) {
        const card = incidentSchema.parse('raw' in file ? file.raw : undefined);
        expect(handWritten(card).length, file.name).toBeGreaterThan(0);
      }
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('are for curated cards only', () => {
    const record = {
      id: 'hhs-record',
      organization: 'Clinic',
      origin: 'hhs-ocr',
      breachTypes: ['hacking'],
      updated: '2026-07-01',
      quiz: [{ question: 'Q?', choices: ['a', 'b', 'c'], answer: 'a', explanation: 'E.' }],
    };
    const parsed = incidentSchema.safeParse(record);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain('quiz');
  });
});

describe('a malformed hand-written question', () => {
  const card = (quiz: string) => `id: broken-quiz
organization: Broken Clinic
breachTypes: [hacking]
summary: A card with a problem.
lessons: [Report it.]
sources: [{ title: Somewhere, url: 'https://example.org/notice' }]
origin: curated
updated: 2026-11-24
quiz:
${quiz}`;

  async function problemsFor(quiz: string): Promise<string[]> {
    await writeFile(path.join(dataDir, 'incidents', 'broken-quiz.yaml'), card(quiz));
    try {
      const { value, problems } = await loadCuratedIncidents(dataDir);
      expect(value.map((incident) => incident.id)).not.toContain('broken-quiz');
      return problems.map(formatProblem);
    } finally {
      await rm(path.join(dataDir, 'incidents', 'broken-quiz.yaml'));
    }
  }

  it('keeps the card from loading, naming the file, the card and the field', async () => {
    const cases: [string, RegExp][] = [
      [
        '  - { question: Q?, choices: [a, b, c], answer: d, explanation: E. }',
        /broken-quiz\.yaml: broken-quiz: quiz\.0\.answer: must be the text of one of the choices$/,
      ],
      [
        '  - { question: Q?, choices: [a, b], answer: a, explanation: E. }',
        /broken-quiz\.yaml: broken-quiz: quiz\.0\.choices: needs 3 or 4 choices$/,
      ],
      [
        `  - { question: Q?, choices: [a, b, '${'x'.repeat(76)}'], answer: a, explanation: E. }`,
        /broken-quiz\.yaml: broken-quiz: quiz\.0\.choices\.2: must be at most 75 characters, to fit on a button$/,
      ],
      [
        '  - { question: Q?, choices: [a, B, b], answer: a, explanation: E. }',
        /broken-quiz\.yaml: broken-quiz: quiz\.0\.choices: must all differ$/,
      ],
      ['  - { question: Q?, choices: [a, b, c], answer: a }', /broken-quiz\.yaml: broken-quiz: quiz\.0\.explanation: /],
      [
        '  - { question: Q?, choices: [a, b, c], answer: a, explanation: E., hint: no }',
        /broken-quiz\.yaml: broken-quiz: quiz\.0: Unrecognized key: "hint"/,
      ],
      [
        "  - { question: Q?, choices: [a, b, c], answer: a, explanation: E., source: { title: T, url: 'ftp://x' } }",
        /broken-quiz\.yaml: broken-quiz: quiz\.0\.source\.url: must be an http\(s\) URL$/,
      ],
    ];
    for (const [quiz, message] of cases) {
      expect(await problemsFor(quiz), quiz).toEqual([expect.stringMatching(message)]);
    }
  });
});
