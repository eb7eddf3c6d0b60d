import type { Checklist } from '../guidance/model.js';
import type { DataType } from '../incidents/data-types.js';
import type { Incident } from '../incidents/model.js';
import type { SearchHit } from '../search/types.js';
import type { RankedList } from './list-question.js';
import type { DirectAnswer } from './question-intent.js';
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
  | {
      kind: 'incident';
      query: string;
      match: SearchHit;
      alternatives: SearchHit[];
      steps: ProtectiveSteps;
      /** The question asked, answered in one sentence from the record (question-intent.ts), shown first. */
      direct?: DirectAnswer;
    }
  | { kind: 'list'; query: string; hits: SearchHit[] }
  /** A question about many incidents ("biggest breaches 2024"): what was understood, the count, the top ones. */
  | { kind: 'ranked-list'; query: string; list: RankedList }
  | { kind: 'no-match'; query: string; suggestions: string[]; problems: string[] }
  /**
   * The query names an organisation that no record is about: `organization` as the query wrote it,
   * with up to three close names that are, never an unrelated incident in its place.
   */
  | { kind: 'no-record'; query: string; organization: string; suggestions: string[] }
  | { kind: 'steps'; query: string; steps: ProtectiveSteps }
  | { kind: 'stats'; stats: Stats }
  | { kind: 'latest'; incidents: Incident[] };
