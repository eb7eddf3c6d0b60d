import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { WebClient } from '@slack/web-api';
import type { DigestConfig } from '../config/digest-config.js';
import { type Clock, systemClock } from '../digest/clock.js';
import type { DeliveryLogger } from '../digest/deliver-digest.js';
import { DigestRunner } from '../digest/digest-runner.js';
import { DigestSchedule } from '../digest/digest-schedule.js';
import type { Dataset } from '../incidents/load-dataset.js';
import { openStore } from '../store/open-store.js';
import { slackDigestPoster } from './digest-poster.js';
import type { DigestFeature } from './listener-deps.js';

export interface OpenDigestOptions {
  config: DigestConfig;
  cwd: string;
  dataset: Dataset;
  logger: DeliveryLogger;
  /** Where digests are posted; absent for previews and dry runs, which post nothing. */
  client?: WebClient;
  clock?: Clock;
}

export interface OpenDigest extends DigestFeature {
  instanceId: string;
  close(): Promise<void>;
}

/** One name per process, so that the store can tell instances apart in leases and locks. */
export function newInstanceId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Opens the store (running its migrations) and builds the digest runner over the loaded data. */
export async function openDigest({
  config,
  cwd,
  dataset,
  logger,
  client,
  clock = systemClock,
}: OpenDigestOptions): Promise<OpenDigest> {
  const store = await openStore(config.databaseUrl, { cwd });
  const instanceId = newInstanceId();
  const runner = new DigestRunner({
    incidents: dataset.incidents,
    guidance: dataset.guidance,
    store,
    schedule: new DigestSchedule(config.cron, config.timeZone),
    clock,
    instanceId,
    logger,
    ...(client && { poster: slackDigestPoster(client) }),
  });
  return { store, runner, clock, adminUserIds: config.adminUserIds, instanceId, close: () => store.close() };
}
