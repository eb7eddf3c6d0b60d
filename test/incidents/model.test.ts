import { describe, expect, it } from 'vitest';
import { incidentSchema, isoDate } from '../../src/incidents/model.js';

const curated = {
  id: 'x-2024',
  organization: 'X',
  breachTypes: ['hacking'],
  summary: 'What happened.',
  lessons: ['A lesson.'],
  sources: [{ title: 'Notice', url: 'https://example.org/notice' }],
  origin: 'curated',
  updated: '2026-11-24',
};

function messages(input: unknown): string[] {
  const result = incidentSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('incidentSchema', () => {
  it('answers alike before and after it compiles the rules, which it does after a few hundred records', () => {
    const bad = { ...curated, dataTypes: ['shoe-size'], occurred: { start: '2024-02-30' } };
    const first = { valid: incidentSchema.safeParse(curated), invalid: messages(bad) };
    for (let i = 0; i < 1_000; i++) incidentSchema.safeParse({ ...curated, id: `x-${i}` });
    expect(incidentSchema.safeParse(curated)).toEqual(first.valid);
    expect(JSON.stringify(incidentSchema.safeParse(curated))).toBe(JSON.stringify(first.valid));
    expect(messages(bad)).toEqual(first.invalid);
    expect(first.invalid).toHaveLength(2);
  });

  it('accepts a complete curated card and fills the list defaults', () => {
    const incident = incidentSchema.parse(curated);
    expect(incident.aliases).toEqual([]);
    expect(incident.dataTypes).toEqual([]);
  });

  it('requires a summary, a lesson and a source on a curated card, all reported at once', () => {
    expect(messages({ ...curated, summary: undefined, lessons: [], sources: [] })).toEqual([
      'summary: a curated card needs a summary',
      'lessons: a curated card needs at least one lesson',
      'sources: a curated card needs at least one source URL',
    ]);
  });

  it('does not require them on an imported record', () => {
    expect(messages({ ...curated, origin: 'hhs-ocr', summary: undefined, lessons: [], sources: [] })).toEqual([]);
  });

  it('rejects values outside the closed lists and unknown fields', () => {
    expect(messages({ ...curated, dataTypes: ['shoe-size'], breachTypes: ['aliens'], state: 'XX', extra: 1 })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^dataTypes\.0: /),
        expect.stringMatching(/^breachTypes\.0: /),
        'state: must be a two-letter US state or territory code such as NJ',
        expect.stringContaining('extra'),
      ]),
    );
    expect(messages({ ...curated, origin: 'rumour' })).toEqual([expect.stringContaining('origin must be one of')]);
  });

  it('rejects dates out of order and source URLs that are not http(s)', () => {
    expect(
      messages({ ...curated, occurred: { start: '2023-07-14' }, discovered: '2023-07-01', disclosed: '2023-06-01' }),
    ).toEqual(['discovered: is before occurred.start', 'disclosed: is before discovered']);
    expect(messages({ ...curated, discovered: '2023-04-17', disclosed: '2023-04' })).toEqual([]);
    expect(messages({ ...curated, sources: [{ title: 'x', url: 'javascript:alert(1)' }] })).toEqual([
      'sources.0.url: must be an http(s) URL',
    ]);
  });
});

describe('incidentSchema: firstSeen', () => {
  const imported = { ...curated, origin: 'hhs-ocr', disclosed: '2026-10-14' };

  it('is an optional day on an imported record, which keeps it', () => {
    expect(messages(imported)).toEqual([]);
    expect(incidentSchema.parse({ ...imported, firstSeen: '2026-11-09' })).toMatchObject({ firstSeen: '2026-11-09' });
    expect(messages({ ...imported, origin: 'hibp', firstSeen: '2026-10-14' })).toEqual([]);
  });

  it.each([
    ['2026-11', 'firstSeen: must be a day: YYYY-MM-DD'],
    ['11/09/2026', 'firstSeen: must be a day: YYYY-MM-DD'],
    ['2026-11-31', 'firstSeen: is not a real calendar date'],
  ])('rejects %s', (firstSeen, message) => {
    expect(messages({ ...imported, firstSeen })).toEqual([message]);
  });

  it('cannot be before the source listed the record', () => {
    expect(messages({ ...imported, firstSeen: '2026-10-13' })).toEqual(['firstSeen: is before disclosed']);
    expect(messages({ ...imported, disclosed: '2026-10', firstSeen: '2026-10-02' })).toEqual([]);
  });

  it('is refused on a curated card, which is reviewed, not imported', () => {
    expect(messages({ ...curated, firstSeen: '2026-11-09' })).toEqual([expect.stringContaining('firstSeen')]);
  });
});

describe('isoDate', () => {
  it.each(['2023', '2023-07', '2023-07-14', '2024-02-29'])('accepts %s', (date) => {
    expect(isoDate.safeParse(date).success).toBe(true);
  });
  it.each(['2023-13', '2023-02-30', '07/14/2023', '2023-7-1', ''])('rejects %s', (date) => {
    expect(isoDate.safeParse(date).success).toBe(false);
  });
});
