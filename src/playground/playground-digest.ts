import { WebClient } from '@slack/web-api';
import type { AppConfig } from '../config/app-config.js';
import type { Dataset } from '../dataset/load-dataset.js';
import { type OpenDigest, openDigest } from '../delivery/open-digest.js';
import { appLogger, webClientOptions } from '../slack/app.js';
import { slackDigestPoster } from '../slack/digest-poster.js';

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
      poster: slackDigestPoster(new WebClient(botToken, webClientOptions({ slackApiUrl: url }))),
    });
}
