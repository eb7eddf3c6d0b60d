import type { RankedList } from '../../answer/list-question.js';
import { rankedListHeadline, rankedListNote } from '../ranked-list-wording.js';

/** What a list answer understood, for `--json`: the same headline as the text, and each part as data. */
export function rankedListJson(list: RankedList) {
  const { question } = list;
  return {
    headline: rankedListHeadline(list),
    note: rankedListNote(list) ?? null,
    understood: {
      order: question.order,
      states: question.states,
      disclosed: question.period ? { from: question.period.from, to: question.period.to } : null,
      kinds: question.kinds,
      breachTypes: question.breachTypes,
      filters: question.filters,
      shown: question.shown,
    },
    total: list.total,
    individualsAffected: list.individuals,
  };
}
