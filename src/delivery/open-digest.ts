import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { DigestConfig } from '../config/digest-config.js';
import type { Dataset } from '../dataset/load-dataset.js';
import { type Clock, systemClock } from '../digest/clock.js';
import { DigestSchedule } from '../digest/digest-schedule.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { DeliveryLogger, DigestPoster } from './deliver-digest.js';
import { DigestRunner } from './digest-runner.js';
import { TrainingRunner } from './training-runner.js';

export interface OpenDigestOptions {
  config: DigestConfig;
  cwd: string;
  dataset: Dataset;
  logger: DeliveryLogger;
  /** Where digests are posted; absent for previews and dry runs, which post nothing. */
  poster?: DigestPoster;
  clock?: Clock;
}

/** The digest and the watchlist: what `/breach digest`, `/breach watch` and the Home tab need. */
export interface DigestFeature {
  store: Store;
  runner: DigestRunner;
  clock: Clock;
  /** When set, only these users may change subscriptions and the watchlist. */
  adminUserIds: readonly string[] | undefined;
}

export interface OpenDigest extends DigestFeature {
  /** The weekly training post, at TRAINING_CRON in the digest's time zone, over the same data and store. */
  trainingRunner: TrainingRunner;
  instanceId: string;
  close(): Promise<void>;
}

/** One name per process, so that the store can tell instances apart in leases and locks. */
export function newInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Opens the store (running its migrations) and builds the digest's and the training's runners over the loaded data. */
export async function openDigest({
  config,
  cwd,
  dataset,
  logger,
  poster,
  clock = systemClock,
}: OpenDigestOptions): Promise<OpenDigest> {
  const store = await openStore(config.databaseUrl, { cwd, logger });
  const instanceId = newInstanceId();
  const runner = new DigestRunner({
    incidents: dataset.incidents,
    guidance: dataset.guidance,
    store,
    schedule: new DigestSchedule(config.cron, config.timeZone),
    recentDays: config.recentDays,
    clock,
    instanceId,
    logger,
    ...(poster && { poster }),
  });
  const trainingRunner = new TrainingRunner({
    incidents: dataset.incidents,
    guidance: dataset.guidance,
    store,
    schedule: new DigestSchedule(config.trainingCron, config.timeZone),
    clock,
    instanceId,
    logger,
    ...(poster && { poster }),
  });
  return {
    store,
    runner,
    trainingRunner,
    clock,
    adminUserIds: config.adminUserIds,
    instanceId,
    close: () => store.close(),
  };
}
