import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folders of src/, lowest first. A module may import from its own folder and from folders below
 * it, never from one above: so no two folders import each other, and the core (incidents up to
 * digest) never reaches the store, the views, Slack, the CLI or the playground.
 */
export const LAYERS = [
  'incidents',
  'guidance',
  'search',
  'dataset',
  'answer',
  'digest',
  'training',
  'config',
  'store',
  'sources',
  'views',
  'delivery',
  'services',
  'live',
  'slack',
  '(root)',
  'playground',
  'cli',
] as const;

/** The folders that make up the core: pure data in, data out, tested without Slack or a store. */
export const CORE = ['incidents', 'guidance', 'search', 'dataset', 'answer', 'digest', 'training'] as const;

/**
 * The one module above the product that may load the playground: `npm start` chooses it when no
 * Slack setting is given, and loads it only then (a dynamic import), so production never loads it.
 */
export const PLAYGROUND_CHOOSER = 'cli/commands/start.ts';

export interface ImportEdge {
  /** Both relative to src/, e.g. `answer/answer-query.ts`. */
  from: string;
  to: string;
  dynamic: boolean;
}

const IMPORT = /(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string, root: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, root);
    return entry.name.endsWith('.ts') ? [path.relative(root, full)] : [];
  });
}

/** Every relative import between TypeScript modules under `srcDir`. */
export function importEdges(srcDir: string): ImportEdge[] {
  return sourceFiles(srcDir, srcDir).flatMap((from) => {
    const text = readFileSync(path.join(srcDir, from), 'utf8');
    return [...text.matchAll(IMPORT)].map((match) => {
      const specifier = (match[1] ?? match[2]) as string;
      const to = path.normalize(path.join(path.dirname(from), specifier)).replace(/\.js$/, '.ts');
      return { from, to, dynamic: match[2] !== undefined };
    });
  });
}

export function layerOf(file: string): string {
  return file.includes(path.sep) ? (file.split(path.sep)[0] as string) : '(root)';
}

/** What is wrong with one import, or undefined when it follows the layering. */
export function layeringProblem(edge: ImportEdge): string | undefined {
  const from = layerOf(edge.from);
  const to = layerOf(edge.to);
  if (from === to) return undefined;
  const fromRank = LAYERS.indexOf(from as (typeof LAYERS)[number]);
  const toRank = LAYERS.indexOf(to as (typeof LAYERS)[number]);
  if (fromRank < 0) return `${edge.from}: src/${from}/ is not in the list of layers`;
  if (toRank < 0) return `${edge.from} imports ${edge.to}: src/${to}/ is not in the list of layers`;
  if (to === 'playground') {
    if (edge.from === PLAYGROUND_CHOOSER && edge.dynamic) return undefined;
    return `${edge.from} imports ${edge.to}: only ${PLAYGROUND_CHOOSER} may load the playground, with import()`;
  }
  if (toRank > fromRank) return `${edge.from} imports ${edge.to}: ${from} is below ${to}, imports flow downward`;
  return undefined;
}
