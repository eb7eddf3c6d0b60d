import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AnswerContext } from './answer/answer-query.js';
import { createLiveBreachService } from './answer/breach-service.js';
import { todayIn } from './answer/list-question.js';
import { loadAnswerContext } from './answer/load-answer-context.js';
import type { SlackConfig } from './config/app-config.js';
import { configuredSecrets } from './config/secrets.js';
import { ChannelPacer } from './delivery/channel-pacer.js';
import { DELIVERY_LEASE_MS } from './delivery/digest-runner.js';
import { DigestScheduler, TRAINING_TASK_NAME } from './delivery/digest-scheduler.js';
import { openDigest } from './delivery/open-digest.js';
import { importedDirPath, removeDeadTemps } from './incidents/imported-store.js';
import { DATA_POLL_MS, LiveData, type RefreshResult } from './live/live-data.js';
import { SyncScheduler } from './live/sync-scheduler.js';
import { AskedTopics } from './services/asked-topics.js';
import { createDigestServices } from './services/digest-commands.js';
import { QuizService } from './services/quizzes.js';
import { SourceStatus } from './services/source-status.js';
import { createTrainingServices } from './services/training-commands.js';
import { appLogger, createApp, webClientOptions } from './slack/app.js';
import { checkSlackConnection } from './slack/check-connection.js';
import { slackDigestPoster } from './slack/digest-poster.js';
import { EventDeduper } from './slack/event-deduper.js';
import { redactingLogger } from './slack/redacting-logger.js';
import { SharedLists } from './sources/shared-lists.js';
import type { SyncOutcome } from './sources/sync-outcome.js';

export interface BotOptions {
  /** What relative paths in the settings (a SQLite file) are resolved against. */
  cwd: string;
  logger?: Logger;
  /** The HTTP receiver's interface; by default every one. The playground keeps it on loopback. */
  host?: string;
  /** Data already loaded and indexed; by default it is read from the config's data folder. */
  answerContext?: AnswerContext;
  /** How often to look for lists changed by another instance or `breachbot import` (default 30 s). */
  dataPollMs?: number;
  /** How long one call to Slack may take (default 10 s). */
  slackTimeoutMs?: number;
}

export interface RunningBot {
  /** How many incidents it answers from. */
  incidents: number;
  /** The HTTP receiver's port (the real one when the config asked for 0); undefined in Socket Mode. */
  port: number | undefined;
  storeKind: 'sqlite' | 'postgres';
  /** Syncs every configured list now, as SYNC_CRON would; undefined when sync is off. */
  syncNow(): Promise<SyncOutcome[]> | undefined;
  /** Exchanges lists with the other instances now, as the poll would, and reloads what changed. */
  refreshNow(): Promise<RefreshResult>;
  /** Stops the schedulers, the Slack app and the store, in that order. */
  close(): Promise<void>;
}

/**
 * The composition root: settings -> store -> data -> search -> Slack app -> schedulers. `npm start`
 * runs it against Slack; the playground runs the very same against its Slack emulator.
 */
export async function startBot(config: SlackConfig, options: BotOptions): Promise<RunningBot> {
  const secrets = configuredSecrets(config);
  const logger = redactingLogger(options.logger ?? appLogger(config.logLevel), secrets);
  const timeoutMs = options.slackTimeoutMs;
  const client = new WebClient(config.botToken, { ...webClientOptions(config, timeoutMs), logger });
  const identity = await checkSlackConnection(client, { ...(timeoutMs && { timeoutMs }), secrets });
  const context = options.answerContext ?? (await loadAnswerContext(config.dataDir));
  // "breaches this year" is this year where the bot runs: the digest's time zone.
  const service = createLiveBreachService({ ...context, today: context.today ?? todayIn(config.digest.timeZone) });
  const poster = slackDigestPoster(client);
  const digest = await openDigest({
    config: config.digest,
    cwd: options.cwd,
    dataset: context.dataset,
    logger,
    poster,
  });
  const { store, clock, instanceId } = digest;
  const sources = new SourceStatus({
    dataDir: config.dataDir,
    config: config.sync.sources,
    syncEnabled: config.sync.cron !== undefined,
    adminUserIds: config.digest.adminUserIds,
    clock,
  });
  const shared = new SharedLists({ store, dataDir: config.dataDir, instanceId, clock });
  await shared.markLoaded();
  // A write killed before its rename leaves a temp file that no later write of that list may sweep soon.
  await removeDeadTemps(importedDirPath(config.dataDir)).catch((error: unknown) =>
    logger.warn('data: could not remove the temp files of stopped writers', { error: (error as Error).message }),
  );
  const live = new LiveData({
    dataDir: config.dataDir,
    service,
    runner: digest.runner,
    training: digest.trainingRunner,
    shared,
    clock,
    logger,
    timeZone: config.digest.timeZone,
    recentDays: config.digest.recentDays,
    delivery: { store, poster, clock, pacer: new ChannelPacer(clock), instanceId, leaseMs: DELIVERY_LEASE_MS, logger },
    onChange: () => sources.invalidate(),
  });
  const syncCron = config.sync.cron;
  const sync =
    syncCron === undefined
      ? undefined
      : new SyncScheduler({
          config: { ...config.sync, cron: syncCron },
          dataDir: config.dataDir,
          store,
          clock,
          instanceId,
          logger,
          live,
        });
  // In the store, so that a retry or replay reaching another instance, or this one after a restart, is still a repeat.
  const deduper = new EventDeduper({
    store,
    now: () => clock.now(),
    onStoreError: (error) => logger.warn('de-duplication: the store did not answer', (error as Error).message),
  });
  const app = createApp(config, service, {
    deduper,
    digest: createDigestServices(digest),
    training: createTrainingServices(digest),
    quizzes: new QuizService({
      store,
      clock,
      data: () => service.dataset,
      adminUserIds: config.digest.adminUserIds,
    }),
    askedTopics: new AskedTopics({
      store,
      clock,
      timeZone: config.digest.timeZone,
      onError: (error) =>
        logger.debug('training: could not count the kinds of data asked about', (error as Error).message),
    }),
    sources,
    logger,
    identity,
    health: { storeKind: store.kind, checkStore: () => store.subscription(''), incidents: () => service.index.size },
    ...(timeoutMs && { slackTimeoutMs: timeoutMs }),
  });
  const scheduler = new DigestScheduler({ ...digest, logger });
  const trainingScheduler = new DigestScheduler({
    ...digest,
    runner: digest.trainingRunner,
    logger,
    taskName: TRAINING_TASK_NAME,
    label: 'training',
  });
  let port: number | undefined;
  try {
    if (config.mode === 'http') {
      const server = (await app.start({ port: config.port, ...(options.host && { host: options.host }) })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (error) {
    await digest.close();
    throw error;
  }
  // The catch-ups (a digest, a training post or a sync missed while the bot was down, alerts not yet
  // sent) run in the background: answering questions must not wait for them. The sync starts after the
  // first exchange of lists, so that it judges what is due by what the other instances already did.
  void scheduler.start();
  void trainingScheduler.start();
  const background = live
    .start(options.dataPollMs ?? DATA_POLL_MS)
    .then(() => sync?.start())
    .catch((error: unknown) => logger.error('data: start-up refresh failed', { error: (error as Error).message }));
  return {
    incidents: context.index.size,
    port,
    storeKind: digest.store.kind,
    syncNow: () => sync?.run('now'),
    refreshNow: () => live.refresh('poll'),
    async close() {
      await sync?.stop();
      await background;
      await live.stop();
      await scheduler.stop();
      await trainingScheduler.stop();
      await app.stop().catch((error: unknown) => logger.warn('stopping the Slack app', (error as Error).message));
      await digest.close();
    },
  };
}
