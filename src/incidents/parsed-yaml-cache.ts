import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The curated cards' YAML, parsed, kept between processes under the OS's temporary folder. Parsing
 * the cards was the largest single cost of a `breachbot ask` (the yaml library, loaded and run cold,
 * about 0.2 s of 1.4 s); the cache is keyed by a hash of every file's name and text, so an edited,
 * added or removed card is parsed again, and what comes out is exactly what the parser gave. Only a
 * set of files that all parsed is kept, so a YAML error is always reported by the parser itself.
 * The cache is best-effort: a folder that cannot be read or written only means parsing again.
 */

export type ParsedFile = { name: string; raw: unknown } | { name: string; error: Error };

const CACHE_DIR = path.join(os.tmpdir(), `breachbot-cache-${os.userInfo().uid}`);
const PREFIX = 'curated-';

export async function parseYamlFiles(
  files: readonly { name: string; text: string }[],
  cacheDir: string = CACHE_DIR,
): Promise<ParsedFile[]> {
  const hash = createHash('sha256');
  for (const { name, text } of files) hash.update(`${name}\0${text}\0`);
  const key = `${PREFIX}${hash.digest('hex')}.json`;
  const cached = await readCache(path.join(cacheDir, key), files.length);
  if (cached) return files.map(({ name }, index) => ({ name, raw: cached[index] }));

  // Loaded only on a miss: the library itself takes a while to load.
  const { parse } = await import('yaml');
  const parsed: ParsedFile[] = files.map(({ name, text }) => {
    try {
      return { name, raw: parse(text) as unknown };
    } catch (error) {
      return { name, error: error as Error };
    }
  });
  if (parsed.every((file) => 'raw' in file)) {
    await writeCache(
      cacheDir,
      key,
      parsed.map((file) => ('raw' in file ? file.raw : undefined)),
    ).catch(() => undefined);
  }
  return parsed;
}

async function readCache(file: string, count: number): Promise<unknown[] | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(value) && value.length === count ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Written atomically; the entries of older card sets are removed, so the folder holds one. */
async function writeCache(dir: string, key: string, raws: unknown[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `${key}.${process.pid}.tmp`);
  await writeFile(temp, JSON.stringify(raws), { mode: 0o600 });
  await rename(temp, path.join(dir, key));
  for (const name of await readdir(dir)) {
    if (name.startsWith(PREFIX) && name !== key && name.endsWith('.json')) {
      await rm(path.join(dir, name), { force: true });
    }
  }
}
