import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../src/answer/answer-query.js';
import { describeDelay, formatCount } from '../../src/answer/fact-wording.js';
import {
  affectedFigures,
  countSentence,
  directAnswer,
  isGreeting,
  readQuestionIntent,
  relatedAsked,
} from '../../src/answer/question-intent.js';
import { stepsQuestionDataTypes } from '../../src/answer/steps-intent.js';
import type { Incident } from '../../src/incidents/model.js';
import { makeIncident } from '../support/incident-factory.js';
import { REPO_DATA_DIR } from '../support/paths.js';
import { answerContextFor } from '../support/repo-dataset.js';

/** The shipped data, merged as the bot merges it: HealthEC and ARx carry filings from several lists. */
let context: AnswerContext;
beforeAll(async () => {
  context = await answerContextFor(REPO_DATA_DIR);
}, 60_000);

function incident(id: string): Incident {
  const found = context.dataset.incidents.find((each) => each.id === id);
  if (!found) throw new Error(`${id} is not in the shipped data`);
  return found;
}

/**
 * The reader over one shipped incident, as `answerQuery` calls it. Which incident a question finds is
 * the search's business (and its tests'); here the incident is given, so only the reading is tested.
 */
function direct(query: string, id: string, alternatives: readonly string[] = []) {
  const about = incident(id);
  const answer = directAnswer(query, about, {
    alternatives: alternatives.map(incident),
    guidance: context.dataset.guidance,
  });
  return { ...answer, incident: about };
}

describe('readQuestionIntent', () => {
  it.each([
    ['how many people were affected by HealthEC', 'count'],
    ['who was affected by the arx breach', 'count'],
    ['when was ARx breached', 'when'],
    ['how long did healthec take to tell people', 'when'],
    ['what data was exposed in the ARx breach', 'data'],
    ['what information did healthec lose', 'data'],
    ['was HealthEC hacked?', 'hacked'],
    ['is corewell health safe', 'hacked'],
    ['what should I do about the HealthEC breach', 'steps'],
    ['which organisations did the HealthEC breach reach', 'reach'],
    ['which vendor breach reached Corewell Health', 'reach'],
    ['how did the HealthEC breach happen', 'how'],
    ['helthec', 'overview'],
  ] as const)('"%s" asks %s', (query, intent) => {
    expect(readQuestionIntent(query)).toBe(intent);
  });
});

describe('the direct answer over the shipped data', () => {
  it('names every figure for HealthEC with its source, and says why the totals differ', () => {
    const healthec = incident('healthec-2023');
    const { intent, text } = direct('how many people were affected by HealthEC', 'healthec-2023');
    expect(intent).toBe('count');
    const figures = affectedFigures(healthec);
    expect(figures.length).toBeGreaterThan(1);
    for (const figure of figures) {
      expect(text).toContain(formatCount(figure.count));
      expect(text).toContain(figure.source);
    }
    expect(text).toContain('HHS OCR breach portal');
    expect(text).toContain('Maine Attorney General');
    expect(text).toMatch(/^[\d,]+ people were affected by HealthEC LLC's breach/);
    expect(text).toContain('The totals differ because each list holds the count it was given');
  });

  it('is set on the incident answer where answerQuery builds it', () => {
    const answer = answerQuery('how many people were affected by HealthEC', context);
    expect(answer.kind === 'incident' && answer.direct).toEqual(
      directAnswer('how many people were affected by HealthEC', incident('healthec-2023'), {
        guidance: context.dataset.guidance,
      }),
    );
  });

  it("says that a state's figure counts only its residents (ARx: HHS, Maine and Washington)", () => {
    const { text } = direct(
      'how many people did the arx patient solutions breach affect',
      'arx-patient-solutions-2022',
    );
    expect(text).toContain('41,166 people were affected by ARx Patient Solutions');
    expect(text).toMatch(/526 Maine residents \(Maine Attorney General\)/);
    expect(text).toMatch(/517 Washington residents \(Washington State Attorney General\)/);
    expect(text).toContain("only that state's residents");
    expect(text).not.toContain('totals differ');
  });

  it('gives the dates and the delay, and says which date the record does not have', () => {
    const arx = direct('when was ARx breached', 'arx-patient-solutions-2022');
    expect(arx.text).toBe(
      "ARx Patient Solutions' breach happened from 23 Mar 2022 to 30 Mar 2022, was discovered on 30 Mar 2022 " +
        'and was disclosed on 30 Jun 2023: 457 days (over a year) after discovery.',
    );
    const healthec = direct('when was healthec discovered', 'healthec-2023');
    expect(healthec.incident.discovered).toBeUndefined();
    expect(healthec.text).toContain('The sources on this card do not say when it was discovered.');
    expect(healthec.text).toContain(describeDelay(healthec.incident) as string);
  });

  it('lists the data exposed, from the record', () => {
    const { text } = direct('what data was exposed in the ARx breach', 'arx-patient-solutions-2022');
    expect(text).toMatch(/^ARx Patient Solutions' breach exposed /);
    expect(text).toContain("children's data");
    expect(text).toContain('Social Security numbers');
  });

  it('answers "was X hacked" with yes, what and when, and "is X safe" never with "safe"', () => {
    const hacked = direct('was HealthEC hacked?', 'healthec-2023');
    expect(hacked.text).toMatch(/^Yes: HealthEC LLC had a hacking\/IT incident \(network server\) from 14 Jul 2023/);
    expect(hacked.text).toContain('disclosed on 21 Dec 2023');
    const safe = direct('is healthec safe', 'healthec-2023');
    expect(safe.text).toMatch(/^breachbot cannot vouch for HealthEC LLC today\. On record: /);
    expect(safe.text).not.toMatch(/\bsafe\b/i);
  });

  it('names the organisations a vendor breach reached, and the vendor breaches that reached an organisation', () => {
    const reached = direct('which organisations did the HealthEC breach reach', 'healthec-2023');
    expect(reached.text).toContain('Corewell Health');
    expect(reached.text).toMatch(/reached the people of \d+ of its partners or customers/);
    const vendors = direct('which vendor breach reached Corewell Health', 'welltok-2023', ['healthec-2023']);
    expect(vendors.intent).toBe('reach');
    expect(vendors.text).toMatch(/^Corewell Health's people were affected by/);
    expect(vendors.text).toContain('HealthEC LLC (a vendor, disclosed on 21 Dec 2023)');
    const hacked = direct('was corewell health hacked', 'welltok-2023', ['healthec-2023']);
    expect(hacked.text).toMatch(/^Through a vendor: Corewell Health's people were affected by/);
    expect(hacked.text).not.toMatch(/^Yes/);
  });

  it('starts the steps for an incident with the checklist the question names', () => {
    const healthec = direct('what should I do about the HealthEC breach', 'healthec-2023');
    expect(healthec.text).toMatch(/^For HealthEC LLC's breach \(Social Security number or taxpayer ID\), start here: /);
    const arx = direct('what should I do about the ARx breach, it had children', 'arx-patient-solutions-2022');
    expect(arx.text).toMatch(
      /^For ARx Patient Solutions' breach \(A child's data\), start here: Parents and guardians/,
    );
  });

  it('says how it happened, from the record', () => {
    const { text } = direct('how did the HealthEC breach happen', 'healthec-2023');
    expect(text).toContain('an unknown actor had been inside its systems');
    expect(text).toContain('on record as a hacking/IT incident');
  });

  it('routes a question about a child’s data to the child checklist, not to an incident', () => {
    for (const query of ["my kid's data was in a breach what now", "what do I do if my child's data leaked"]) {
      const answer = answerQuery(query, context);
      expect(answer.kind).toBe('steps');
      if (answer.kind === 'steps') expect(answer.steps.checklists.map((checklist) => checklist.id)).toEqual(['child']);
    }
    expect(stepsQuestionDataTypes('my daughter’s records were in a breach, what now?')).toEqual(['child-data']);
    expect(stepsQuestionDataTypes('was healthec hacked')).toBeUndefined();
  });
});

describe('the direct answer where the record is thin', () => {
  const bare = makeIncident({ organization: 'Quiet Clinic', breachTypes: ['unknown'], disclosed: '2024-05-02' });

  it('says what the HHS filing does not say, and never invents it', () => {
    expect(directAnswer('how many people quiet clinic', bare).text).toBe(
      'The HHS filing does not say how many people were affected.',
    );
    expect(directAnswer('when was quiet clinic breached', bare).text).toBe(
      "Quiet Clinic's breach was disclosed on 2 May 2024. The HHS filing does not say when it happened or when it was discovered.",
    );
    expect(directAnswer('what data quiet clinic', bare).text).toContain(
      'The HHS filing does not say which data was exposed.',
    );
    expect(directAnswer('was quiet clinic hacked', bare).text).toContain('the HHS filing does not say how it happened');
  });

  it('does not call a lost laptop a hack', () => {
    const lost = makeIncident({ organization: 'Lost Laptop Dental', breachTypes: ['theft'], locations: ['laptop'] });
    const { text } = directAnswer('was lost laptop dental hacked', lost);
    expect(text).not.toMatch(/^Yes/);
    expect(text).toContain('on record as theft (laptop), not as a hack');
  });

  it('words the delay in days: one day, the same day, the same month', () => {
    const oneDay = makeIncident({ organization: 'A', discovered: '2024-01-01', disclosed: '2024-01-02' });
    expect(describeDelay(oneDay)).toBe('1 day after discovery');
    const sameDay = makeIncident({ organization: 'A', discovered: '2024-01-01', disclosed: '2024-01-01' });
    expect(describeDelay(sameDay)).toBe('the day it was discovered');
    const sameMonth = makeIncident({ organization: 'A', discovered: '2024-01', disclosed: '2024-01' });
    expect(describeDelay(sameMonth)).toBe('in the same month as its discovery');
  });

  it('names HIPAA’s 60 days only for a breach HIPAA covers', () => {
    const dates = { discovered: '2024-01-01', disclosed: '2024-04-01' };
    const clinic = makeIncident({ organization: 'A Clinic', origin: 'hhs-ocr', ...dates });
    expect(describeDelay(clinic)).toBe('91 days (HIPAA allows 60) after discovery');
    const hotel = makeIncident({ organization: 'A Hotel', origin: 'wa-ag', entityType: 'other', ...dates });
    expect(describeDelay(hotel)).toBe('91 days after discovery');
  });

  it('reads a revised count as the list says it', () => {
    const revised = makeIncident({
      organization: 'Grown Health',
      individualsAffected: 2_000,
      countRevised: { from: 500, on: '2026-07-01' },
    });
    expect(countSentence(revised)).toContain('The HHS OCR breach portal revised its count from 500 on 1 Jul 2026.');
  });

  it('finds a related organisation only when the question does not name the incident itself', () => {
    const vendor = makeIncident({ organization: 'Vendorco', relatedOrganizations: ['Lakeside Hospital'] });
    expect(relatedAsked('was lakeside hospital hacked', vendor)).toEqual(['Lakeside Hospital']);
    expect(relatedAsked('did vendorco reach lakeside', vendor)).toEqual([]);
    expect(relatedAsked('was the hospital hacked', vendor)).toEqual([]);
  });
});

describe('isGreeting', () => {
  it('knows a hello or a thanks, and nothing that could be a question', () => {
    for (const text of ['hi', 'Hello!', 'hey there', 'good morning', 'thanks', 'Thank you so much', '<@U0BOT> hi']) {
      expect(isGreeting(text)).toBe(true);
    }
    for (const text of ['', 'hi healthec', 'hilton', 'steps ssn', 'was healthec hacked']) {
      expect(isGreeting(text)).toBe(false);
    }
  });
});
