import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../../src/answer/answer-query.js';
import { formatDate } from '../../../src/views/incident-facts.js';
import { bars, renderAnswerText } from '../../../src/views/text/render-answer.js';
import { firstCardsAnswerContext } from '../../support/repo-dataset.js';

let context: AnswerContext;
beforeAll(async () => {
  context = await firstCardsAnswerContext();
});
const render = (query: string) => renderAnswerText(answerQuery(query, context));

describe('renderAnswerText', () => {
  it('renders the card: what happened, when with the delay, who and how many, data, steps, sources', () => {
    const text = render('arx patient');
    expect(text).toMatch(/^ARx Patient Solutions, a healthcare provider in Kansas, .*\.\n\nARx Patient Solutions\n/);
    expect(text).toContain('\nHealthcare provider · Kansas');
    expect(text).toContain('Happened:    23 Mar 2022 to 30 Mar 2022');
    expect(text).toContain('Discovered:  30 Mar 2022');
    expect(text).toContain('Disclosed:   30 Jun 2023, 457 days (over a year) after discovery');
    expect(text).toContain('41,166 people');
    expect(text).toContain("Children's data");
    expect(text).toContain('under 16');
    expect(text).toContain('https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf');
    expect(text).toContain('Lessons for staff');
  });

  it('prints the direct answer first: every figure with its source', () => {
    const text = render('how many people were affected by healthec');
    expect(text.split('\n')[0]).toMatch(/^4,786,241 people were affected by HealthEC LLC's breach, .*112,005/);
    expect(text).toContain('\n\nHealthEC LLC\n');
  });

  it('renders the full checklist for steps, with every source', () => {
    const text = render('steps ssn');
    expect(text).toContain('What to do: Social Security numbers');
    expect(text).toContain('https://www.irs.gov/identity-theft-fraud-scams/get-an-identity-protection-pin');
    expect(text).toContain('US government advice');
  });

  it('renders no match with suggestions and tips, and usage with the problem first', () => {
    expect(render('helthek')).toContain('Did you mean: HealthEC LLC?');
    expect(render('zzzz')).toContain('Tips:');
    expect(render('latest 0')).toMatch(/^`latest` takes/);
    expect(render('')).toContain('steps ssn');
  });

  it('renders stats as text bars', () => {
    const text = render('stats');
    expect(text).toContain('2 incidents, 4,827,407 people affected (all years)');
    expect(text).toMatch(/Hacking\/IT incident\s+#+ 2/);
  });

  it('formats dates at the precision they are known', () => {
    expect(formatDate('2023-07-04')).toBe('4 Jul 2023');
    expect(formatDate('2022-03')).toBe('Mar 2022');
    expect(formatDate('2024')).toBe('2024');
  });
});

describe('bars', () => {
  const tally = (key: string, incidents: number) => ({ key, incidents, individuals: 0 });

  it('draws no bar for a count of 0, and at least one # for any other count', () => {
    const lines = bars([tally('none', 0), tally('one', 1), tally('many', 1_000)], String);
    expect(lines).toEqual(['none   0', 'one   # 1', `many  ${'#'.repeat(30)} 1,000`]);
  });

  it('draws no bar at all when every count is 0, as in a quiet stretch of weeks', () => {
    expect(bars([tally('2026-W48', 0), tally('2026-W49', 0)], String)).toEqual(['2026-W48   0', '2026-W49   0']);
  });
});
