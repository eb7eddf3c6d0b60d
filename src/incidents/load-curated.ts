import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Incident, incidentSchema } from './model.js';
import { parseYamlFiles } from './parsed-yaml-cache.js';
import type { DataProblem } from './problems.js';
import { problemsFromZodError } from './problems.js';

export interface LoadResult<T> {
  value: T;
  problems: DataProblem[];
}

/**
 * Reads every `<dataDir>/incidents/*.yaml` card. A bad card is reported and left out; the others
 * still load, so `validate` can list every problem at once.
 */
export async function loadCuratedIncidents(dataDir: string): Promise<LoadResult<Incident[]>> {
  const dir = path.join(dataDir, 'incidents');
  const problems: DataProblem[] = [];
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if (isNotFound(error)) return { value: [], problems };
    throw error;
  }
  const incidents: Incident[] = [];
  const fileById = new Map<string, string>();
  const texts = await Promise.all(
    names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })),
  );
  for (const parsedFile of await parseYamlFiles(texts)) {
    const { name } = parsedFile;
    const file = path.join(dir, name);
    if ('error' in parsedFile) {
      problems.push({ file, message: `is not valid YAML: ${parsedFile.error.message.split('\n')[0]}` });
      continue;
    }
    const { raw } = parsedFile;
    const record = typeof raw === 'object' && raw !== null && 'id' in raw ? String(raw.id) : undefined;
    const parsed = incidentSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...problemsFromZodError(file, record, parsed.error));
      continue;
    }
    const incident = parsed.data;
    if (incident.origin !== 'curated') {
      problems.push({ file, record, field: 'origin', message: 'must be "curated" for a card in data/incidents' });
      continue;
    }
    const expectedName = `${incident.id}.yaml`;
    if (name !== expectedName && name !== `${incident.id}.yml`) {
      problems.push({
        file,
        record,
        field: 'id',
        message: `does not match the file name; name the file ${expectedName}`,
      });
    }
    const previous = fileById.get(incident.id);
    if (previous) {
      problems.push({ file, record, field: 'id', message: `is already used by ${previous}` });
      continue;
    }
    fileById.set(incident.id, file);
    incidents.push(incident);
  }
  return { value: incidents, problems };
}

export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
