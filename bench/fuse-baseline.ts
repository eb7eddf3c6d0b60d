/**
 * The baseline: plain fuse.js as the search first used it (docs/architecture.md, "Search"), over
 * organisation, aliases and summary with fuse's default options, every record searched for every query.
 */
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Incident } from '../src/incidents/model.js';

export const FUSE_BASELINE_OPTIONS: IFuseOptions<Incident> = {
  keys: ['organization', 'aliases', 'summary'],
  includeScore: true,
};

export interface FuseBaseline {
  readonly size: number;
  /** The best hit, as a user would see it first (fuse ranks every match; the bench reads the top one). */
  topHit(query: string): Incident | undefined;
}

export function buildFuseBaseline(incidents: readonly Incident[]): FuseBaseline {
  const fuse = new Fuse(incidents, FUSE_BASELINE_OPTIONS);
  return {
    size: incidents.length,
    topHit: (query) => fuse.search(query)[0]?.item,
  };
}
