import { describe, expect, it } from 'vitest';
import { dataTypesNamedIn } from '../../src/answer/steps-intent.js';
import { DATA_TYPE_INFO, DATA_TYPES, dataTypeForKeyword, detectDataTypes } from '../../src/incidents/data-types.js';

describe('data types', () => {
  it('has a label and keywords for every type', () => {
    for (const type of DATA_TYPES) {
      expect(DATA_TYPE_INFO[type].label.length).toBeGreaterThan(0);
      expect(DATA_TYPE_INFO[type].keywords.length).toBeGreaterThan(0);
    }
  });

  it('reads what a person types', () => {
    expect(dataTypeForKeyword('SSN')).toBe('ssn');
    expect(dataTypeForKeyword('medicare')).toBe('health-insurance');
    expect(dataTypeForKeyword('date-of-birth')).toBe('date-of-birth');
    expect(dataTypeForKeyword('shoes')).toBeUndefined();
    expect(dataTypesNamedIn('my social security number and my credit card')).toEqual(['ssn', 'payment-card']);
  });

  it('finds the data an official description names', () => {
    const description =
      'The PHI involved included names, dates of birth, Social Security numbers, health insurance information, ' +
      'diagnoses and prescription information of pediatric patients.';
    expect(detectDataTypes(description)).toEqual([
      'name',
      'date-of-birth',
      'ssn',
      'diagnosis',
      'prescription',
      'health-insurance',
      'child-data',
    ]);
    expect(detectDataTypes('drivers\u2019 licenses')).toEqual(['drivers-license']);
    expect(detectDataTypes('')).toEqual([]);
  });
});
