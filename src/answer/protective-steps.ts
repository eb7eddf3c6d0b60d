import type { Guidance } from '../guidance/model.js';
import { checklistsFor } from '../guidance/steps-for.js';
import type { DataType } from '../incidents/data-types.js';
import type { Incident } from '../incidents/model.js';
import type { ProtectiveSteps } from './types.js';

/** Every HIPAA breach involves health information, even where the official listing does not say which. */
const ASSUMED_HIPAA_DATA: DataType[] = ['diagnosis', 'health-insurance'];

export function stepsForDataTypes(guidance: Guidance, dataTypes: readonly DataType[]): ProtectiveSteps {
  return { dataTypes: [...dataTypes], checklists: checklistsFor(guidance, dataTypes), notice: guidance.notice };
}

export function stepsForIncident(guidance: Guidance, incident: Incident): ProtectiveSteps {
  if (incident.dataTypes.length === 0 && incident.origin === 'hhs-ocr') {
    return {
      ...stepsForDataTypes(guidance, ASSUMED_HIPAA_DATA),
      assumption:
        'The HHS listing does not say which data was exposed. Every breach on it involves health information, so these are the steps for medical and insurance data.',
    };
  }
  return stepsForDataTypes(guidance, incident.dataTypes);
}
