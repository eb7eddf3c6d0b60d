import { describe, expect, it } from 'vitest';
import { SRC_DIR } from '../support/paths.js';
import { CORE, importEdges, layeringProblem, layerOf } from './import-layers.js';

describe('the import layering of src/', () => {
  const edges = importEdges(SRC_DIR);

  it('reads the imports of every module', () => {
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.some((edge) => edge.from === 'slack/app.ts' && edge.to === 'slack/listeners/index.ts')).toBe(true);
  });

  it('imports only downward, and loads the playground only from the start command', () => {
    expect(edges.map(layeringProblem).filter(Boolean)).toEqual([]);
  });

  it('keeps the core to itself: no store, views, Slack, CLI or playground, not even the settings', () => {
    const core: readonly string[] = CORE;
    const outward = edges.filter((edge) => core.includes(layerOf(edge.from)) && !core.includes(layerOf(edge.to)));
    expect(outward).toEqual([]);
  });

  it('refuses an upward import, a sibling loop and a static import of the playground', () => {
    expect(layeringProblem({ from: 'search/search-index.ts', to: 'slack/app.ts', dynamic: false })).toMatch(
      /search is below slack/,
    );
    expect(layeringProblem({ from: 'incidents/merge.ts', to: 'guidance/model.ts', dynamic: false })).toMatch(
      /incidents is below guidance/,
    );
    expect(layeringProblem({ from: 'cli/commands/start.ts', to: 'playground/start.ts', dynamic: false })).toMatch(
      /only cli\/commands\/start.ts may load the playground/,
    );
    expect(layeringProblem({ from: 'cli/commands/ask.ts', to: 'playground/start.ts', dynamic: true })).toMatch(
      /only cli\/commands\/start.ts/,
    );
    expect(
      layeringProblem({ from: 'cli/commands/start.ts', to: 'playground/start.ts', dynamic: true }),
    ).toBeUndefined();
    expect(layeringProblem({ from: 'slack/app.ts', to: 'answer/types.ts', dynamic: false })).toBeUndefined();
  });
});
