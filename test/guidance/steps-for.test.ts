import { beforeAll, describe, expect, it } from 'vitest';
import { loadGuidance } from '../../src/guidance/load-guidance.js';
import type { Guidance } from '../../src/guidance/model.js';
import { checklistsFor, topSteps } from '../../src/guidance/steps-for.js';
import { DATA_TYPES } from '../../src/incidents/data-types.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let guidance: Guidance;
beforeAll(async () => {
  const loaded = await loadGuidance(REPO_DATA_DIR);
  if (!loaded.value) throw new Error(JSON.stringify(loaded.problems));
  guidance = loaded.value;
});

describe('the shipped guidance', () => {
  it('cites an official https source on every step', () => {
    const hosts = guidance.checklists.flatMap((checklist) =>
      checklist.steps.map((step) => new URL(step.source.url).hostname),
    );
    for (const host of hosts) {
      expect(host).toMatch(
        /(^|\.)(ftc\.gov|identitytheft\.gov|irs\.gov|medicare\.gov|hhs\.gov|ecfr\.gov|cisa\.gov|state\.gov|nist\.gov)$/,
      );
    }
  });

  it('has the checklists the official advice covers', () => {
    for (const type of [
      'ssn',
      'taxpayer-id',
      'child-data',
      'diagnosis',
      'prescription',
      'health-insurance',
      'payment-card',
      'bank-account',
      'login-credentials',
      'drivers-license',
      'passport',
      'biometric',
      'email',
    ] as const) {
      expect(checklistsFor(guidance, [type]).length, type).toBeGreaterThan(0);
    }
    expect(DATA_TYPES.length).toBeGreaterThan(0);
  });

  it("adds the child credit freeze for children's data, after the SSN steps", () => {
    const ids = checklistsFor(guidance, ['child-data', 'prescription', 'ssn']).map((checklist) => checklist.id);
    expect(ids).toEqual(['ssn', 'child', 'medical']);
    const freeze = checklistsFor(guidance, ['child-data'])[0]?.steps[0];
    expect(freeze?.text).toMatch(/under 16/);
    expect(freeze?.source.url).toBe(
      'https://consumer.ftc.gov/consumer-alerts/2019/03/new-protections-available-minors-under-16',
    );
  });

  it('shows the most urgent step of each checklist on a card', () => {
    const steps = topSteps(checklistsFor(guidance, ['ssn', 'child-data', 'diagnosis', 'health-insurance', 'email']));
    expect(steps.map((step) => step.checklist)).toHaveLength(4);
    expect(steps[0]?.text).toMatch(/Freeze your credit/);
  });
});
