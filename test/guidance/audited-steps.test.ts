import { beforeAll, describe, expect, it } from 'vitest';
import { loadGuidance } from '../../src/guidance/load-guidance.js';
import type { Checklist, Guidance } from '../../src/guidance/model.js';
import { REPO_DATA_DIR } from '../support/paths.js';

/**
 * What a review of the guidance against its sources found, kept from coming back: each step says
 * only what the page it cites says, and cites the page where it says it today.
 */
let guidance: Guidance;
beforeAll(async () => {
  const loaded = await loadGuidance(REPO_DATA_DIR);
  if (!loaded.value) throw new Error(JSON.stringify(loaded.problems));
  guidance = loaded.value;
});

function checklist(id: string): Checklist {
  const found = guidance.checklists.find((entry) => entry.id === id);
  if (!found) throw new Error(`no checklist ${id}`);
  return found;
}

function stepsCiting(fragment: string) {
  return guidance.checklists.flatMap((entry) => entry.steps).filter((step) => step.source.url.includes(fragment));
}

describe('the audited guidance steps', () => {
  it("cite Medicare.gov's card page where it is now, and the hotline's own page for 1-800-HHS-TIPS", () => {
    const medicare = stepsCiting('medicare.gov');
    expect(medicare.length).toBeGreaterThan(0);
    for (const step of medicare) {
      expect(step.source.url).toBe(
        'https://www.medicare.gov/basics/get-started-with-medicare/using-medicare/your-medicare-card',
      );
      expect(step.text).not.toMatch(/HHS-TIPS/);
    }
    const tips = guidance.checklists.flatMap((entry) => entry.steps).filter((step) => /HHS-TIPS/.test(step.text));
    expect(tips.map((step) => new URL(step.source.url).hostname)).toEqual(['oig.hhs.gov']);
  });

  it('say a freeze makes new accounts harder to open, not impossible', () => {
    const freeze = checklist('ssn').steps[0];
    expect(freeze?.text).toMatch(/makes it harder/);
    expect(freeze?.text).not.toMatch(/\bstops\b/);
  });

  it('send identity theft victims to IdentityTheft.gov, the report the 7-year extended alert needs', () => {
    const steps = checklist('ssn').steps;
    const alert = steps.find((step) => /7 years/.test(step.text));
    expect(alert?.text).toMatch(/IdentityTheft\.gov/);
    const report = steps.find((step) => /report it at IdentityTheft\.gov/.test(step.text));
    expect(report?.source.url).toBe('https://www.identitytheft.gov/');
  });

  it('warn about government impostor calls from the FTC page that says so', () => {
    const scam = checklist('ssn').steps.find((step) => /Social Security Administration/.test(step.text));
    expect(scam?.source.url).toBe('https://consumer.ftc.gov/articles/how-avoid-government-impersonation-scam');
  });

  it('say what an accounting of disclosures leaves out, and cite HHS for correcting records', () => {
    const steps = checklist('medical').steps;
    expect(steps.find((step) => /accounting of disclosures/.test(step.text))?.text).toMatch(
      /treatment.*payment.*operations/,
    );
    expect(steps.find((step) => /correct/.test(step.text))?.source.url).toBe(
      'https://www.hhs.gov/hipaa/for-individuals/guidance-materials-for-consumers/index.html',
    );
  });

  it('cite NIST SP 800-63-4, which replaced 800-63-3', () => {
    const nist = stepsCiting('pages.nist.gov');
    expect(nist.length).toBeGreaterThan(0);
    for (const step of nist) expect(step.source.url).toBe('https://pages.nist.gov/800-63-4/sp800-63b.html');
  });
});
