import { WebClient } from '@slack/web-api';
import { appLogger, webClientOptions } from '../app.js';
import type { AppConfig } from '../config/app-config.js';
import type { Dataset } from '../incidents/load-dataset.js';
import { type OpenDigest, openDigest } from '../slack/digest-feature.js';

/**
 * The digest for the playground, posting to its emulator. The store is in memory: the playground's
 * made-up channels must never reach the real store.
 */
export function playgroundDigest(
  config: Pick<AppConfig, 'digest' | 'logLevel'>,
  dataset: Dataset,
  cwd: string,
): (slack: { url: string; botToken: string }) => Promise<OpenDigest> {
  return ({ url, botToken }) =>
    openDigest({
      config: { ...config.digest, databaseUrl: 'sqlite::memory:' },
      cwd,
      dataset,
      logger: appLogger(config.logLevel),
      client: new WebClient(botToken, webClientOptions({ slackApiUrl: url })),
    });
}
