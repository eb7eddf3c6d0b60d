import { copyFile, cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AnswerContext } from '../../src/answer/answer-query.js';
import { loadDataset } from '../../src/dataset/load-dataset.js';
import { loadGuidance } from '../../src/guidance/load-guidance.js';
import type { Guidance } from '../../src/guidance/model.js';
import { DataFileError } from '../../src/incidents/problems.js';
import { buildSearchIndex } from '../../src/search/search-index.js';
import { REPO_DATA_DIR } from './paths.js';

/** The two incidents the product was first asked about. */
export const FIRST_CARDS = ['arx-patient-solutions-2022', 'healthec-2023'] as const;

/**
 * A temporary DATA_DIR with the shipped guidance and only the first two cards, so that tests of
 * totals, lists and exact output do not change each time a card is added.
 */
export async function firstCardsDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-data-'));
  await mkdir(path.join(dataDir, 'incidents'));
  await copyFile(path.join(REPO_DATA_DIR, 'guidance.yaml'), path.join(dataDir, 'guidance.yaml'));
  for (const id of FIRST_CARDS) {
    await copyFile(path.join(REPO_DATA_DIR, 'incidents', `${id}.yaml`), path.join(dataDir, 'incidents', `${id}.yaml`));
  }
  return dataDir;
}

/** A temporary copy of the shipped data/ (every card and the guidance), without imported records. */
export async function shippedDataCopy(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-data-'));
  await cp(REPO_DATA_DIR, dataDir, { recursive: true, filter: (source) => !source.includes(`${path.sep}imported`) });
  return dataDir;
}

export async function answerContextFor(dataDir: string): Promise<AnswerContext> {
  const { dataset, problems } = await loadDataset(dataDir);
  if (!dataset || problems.length > 0) throw new Error(`data in ${dataDir} is invalid: ${JSON.stringify(problems)}`);
  return { dataset, index: buildSearchIndex(dataset.incidents) };
}

/** The answer context over the first two cards only. */
export async function firstCardsAnswerContext(): Promise<AnswerContext> {
  const dataDir = await firstCardsDataDir();
  try {
    return await answerContextFor(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** The shipped protective-steps guidance, failing loudly if it does not validate. */
export async function shippedGuidance(): Promise<Guidance> {
  const { value, problems } = await loadGuidance(REPO_DATA_DIR);
  if (!value) throw new DataFileError(problems);
  return value;
}
