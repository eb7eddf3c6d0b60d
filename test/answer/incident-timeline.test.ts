import { describe, expect, it } from 'vitest';
import { disclosureDelay } from '../../src/answer/incident-timeline.js';
import { makeIncident } from '../support/incident-factory.js';

describe('disclosureDelay', () => {
  it('measures from discovery when known', () => {
    const incident = makeIncident({ organization: 'X', discovered: '2022-03-30', disclosed: '2023-06-30' });
    expect(disclosureDelay(incident)).toEqual({ from: 'discovered', days: 457, approximate: false });
  });

  it('falls back to the end, then the start, of the intrusion', () => {
    const ended = makeIncident({
      organization: 'X',
      occurred: { start: '2023-07-14', end: '2023-07-23' },
      disclosed: '2023-12-21',
    });
    expect(disclosureDelay(ended)).toEqual({ from: 'ended', days: 151, approximate: false });
    const started = makeIncident({ organization: 'X', occurred: { start: '2022-03' }, disclosed: '2022-05-01' });
    expect(disclosureDelay(started)).toEqual({ from: 'started', days: 61, approximate: true });
  });

  it('has no delay without a disclosure date or a start', () => {
    expect(disclosureDelay(makeIncident({ organization: 'X', disclosed: '2023-01-01' }))).toBeUndefined();
    expect(disclosureDelay(makeIncident({ organization: 'X', discovered: '2023-01-01' }))).toBeUndefined();
  });
});
