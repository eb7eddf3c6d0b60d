import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { isNotFound } from '../incidents/load-curated.js';
import type { DataProblem } from '../incidents/problems.js';
import { problemsFromZodError } from '../incidents/problems.js';
import { type Guidance, guidanceSchema } from './model.js';

export async function loadGuidance(dataDir: string): Promise<{ value: Guidance | undefined; problems: DataProblem[] }> {
  const file = path.join(dataDir, 'guidance.yaml');
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    const message = isNotFound(error)
      ? 'is missing: the protective steps live here'
      : `is not valid YAML: ${(error as Error).message.split('\n')[0]}`;
    return { value: undefined, problems: [{ file, message }] };
  }
  const parsed = guidanceSchema.safeParse(raw);
  if (!parsed.success) return { value: undefined, problems: problemsFromZodError(file, undefined, parsed.error) };
  return { value: parsed.data, problems: [] };
}
