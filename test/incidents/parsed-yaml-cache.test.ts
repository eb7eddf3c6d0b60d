import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseYamlFiles } from '../../src/incidents/parsed-yaml-cache.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let cacheDir: string;

beforeEach(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-yaml-cache-'));
});

afterEach(() => rm(cacheDir, { recursive: true, force: true }));

async function shippedCards() {
  const dir = path.join(REPO_DATA_DIR, 'incidents');
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(path.join(dir, name), 'utf8') })));
}

describe('parseYamlFiles', () => {
  it('gives exactly what the parser gives, from the cache as on a first read', async () => {
    const files = await shippedCards();
    const expected = files.map(({ name, text }) => ({ name, raw: parse(text) }));
    expect(await parseYamlFiles(files, cacheDir)).toEqual(expected);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(await parseYamlFiles(files, cacheDir)).toEqual(expected);
  });

  it('parses an edited card again, and keeps only the newest set of cards', async () => {
    const files = [{ name: 'a.yaml', text: 'id: a\ncount: 1\n' }];
    expect(await parseYamlFiles(files, cacheDir)).toEqual([{ name: 'a.yaml', raw: { id: 'a', count: 1 } }]);
    const edited = [{ name: 'a.yaml', text: 'id: a\ncount: 2\n' }];
    expect(await parseYamlFiles(edited, cacheDir)).toEqual([{ name: 'a.yaml', raw: { id: 'a', count: 2 } }]);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
  });

  it('reports a YAML error from the parser every time, and caches nothing of that set', async () => {
    const files = [
      { name: 'good.yaml', text: 'id: good\n' },
      { name: 'bad.yaml', text: 'id: [unclosed\n' },
    ];
    for (let i = 0; i < 2; i++) {
      const [good, bad] = await parseYamlFiles(files, cacheDir);
      expect(good).toEqual({ name: 'good.yaml', raw: { id: 'good' } });
      expect(bad && 'error' in bad && bad.error.message).toMatch(/flow sequence|unclosed|Missing/i);
    }
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
