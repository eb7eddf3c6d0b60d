import type { Checklist } from '../guidance/model.js';
import type { DataType } from '../incidents/data-types.js';
import type { Incident } from '../incidents/model.js';
import type { SearchHit } from '../search/types.js';
import type { Stats } from './stats.js';

/** The protective steps that go with an answer. */
export interface ProtectiveSteps {
  dataTypes: DataType[];
  checklists: Checklist[];
  /** Why these steps were chosen when the record itself does not list its data, if so. */
  assumption?: string;
  /** Steps are US advice: said on every answer that shows them. */
  notice: string;
}

export type Answer =
  | { kind: 'usage'; problem?: string }
  | { kind: 'incident'; query: string; match: SearchHit; alternatives: SearchHit[]; steps: ProtectiveSteps }
  | { kind: 'list'; query: string; hits: SearchHit[] }
  | { kind: 'no-match'; query: string; suggestions: string[]; problems: string[] }
  | { kind: 'steps'; query: string; steps: ProtectiveSteps }
  | { kind: 'stats'; stats: Stats }
  | { kind: 'latest'; incidents: Incident[] };
