import type { Answer } from '../../answer/types.js';
import type { Incident } from '../../incidents/model.js';
import type { SearchHit } from '../../search/types.js';
import { rankedListJson } from './ranked-list-json.js';

function matchJson(hit: SearchHit) {
  const { incident } = hit;
  return {
    id: incident.id,
    organization: incident.organization,
    score: hit.score,
    state: incident.state ?? null,
    disclosed: incident.disclosed ?? null,
    individualsAffected: incident.individualsAffected ?? null,
    residentsAffected: incident.residentsAffected ?? null,
    breachTypes: incident.breachTypes,
    dataTypes: incident.dataTypes,
    origin: incident.origin,
  };
}

function incidentJson(incident: Incident) {
  return matchJson({ incident, score: 1 });
}

/** The structured answer `breachbot ask --json` prints: matches best first, with ids and scores. */
export function answerToJson(query: string, answer: Answer) {
  const base = { query, kind: answer.kind };
  switch (answer.kind) {
    case 'incident':
      return {
        ...base,
        matches: [answer.match, ...answer.alternatives].map(matchJson),
        direct: answer.direct ?? null,
        steps: {
          dataTypes: answer.steps.dataTypes,
          checklists: answer.steps.checklists.map((checklist) => checklist.id),
          assumption: answer.steps.assumption ?? null,
        },
      };
    case 'list':
      return { ...base, matches: answer.hits.map(matchJson) };
    case 'ranked-list':
      return { ...base, ...rankedListJson(answer.list), matches: answer.list.incidents.map(incidentJson) };
    case 'no-match':
      return { ...base, matches: [], suggestions: answer.suggestions, problems: answer.problems };
    case 'no-record':
      return { ...base, matches: [], organization: answer.organization, suggestions: answer.suggestions };
    case 'steps':
      return {
        ...base,
        matches: [],
        steps: { dataTypes: answer.steps.dataTypes, checklists: answer.steps.checklists },
      };
    case 'latest':
      return { ...base, matches: answer.incidents.map(incidentJson) };
    case 'stats':
      return { ...base, matches: [], stats: answer.stats };
    case 'usage':
      return { ...base, matches: [], problem: answer.problem ?? null };
  }
}
