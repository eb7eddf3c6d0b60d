import type { Dataset } from '../incidents/load-dataset.js';
import type { Incident } from '../incidents/model.js';
import { buildSearchIndex } from '../search/search-index.js';
import type { SearchHit, SearchIndex } from '../search/types.js';
import { answerQuery } from './answer-query.js';
import { stepsForIncident } from './protective-steps.js';
import type { Answer, ProtectiveSteps } from './types.js';

/**
 * The one owner of the data and its search, for the Slack listeners and the CLI: listeners never
 * touch files or indexes, they ask this.
 */
export interface BreachService {
  readonly dataset: Dataset;
  readonly index: SearchIndex;
  answer(text: string): Answer;
  incident(id: string): Incident | undefined;
  /** The card for one incident, as if it had been the best match. */
  incidentAnswer(id: string): Answer | undefined;
  stepsFor(incident: Incident): ProtectiveSteps;
  search(text: string, limit: number): SearchHit[];
}

export function createBreachService(
  dataset: Dataset,
  index: SearchIndex = buildSearchIndex(dataset.incidents),
): BreachService {
  const byId = new Map(dataset.incidents.map((incident) => [incident.id, incident]));
  const stepsFor = (incident: Incident) => stepsForIncident(dataset.guidance, incident);
  return {
    dataset,
    index,
    answer: (text) => answerQuery(text, { dataset, index }),
    incident: (id) => byId.get(id),
    incidentAnswer(id) {
      const incident = byId.get(id);
      if (!incident) return undefined;
      return {
        kind: 'incident',
        query: incident.organization,
        match: { incident, score: 1 },
        alternatives: [],
        steps: stepsFor(incident),
      };
    },
    stepsFor,
    search: (text, limit) => index.search(text, { limit }).hits,
  };
}
