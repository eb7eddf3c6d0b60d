import { type AppConfig, readAppConfig } from '../../src/config/app-config.js';

/** The settings `npm start` has with no Slack token, over `dataDir`, its page on any free port. */
export function localConfig(dataDir: string, cwd: string): Extract<AppConfig, { mode: 'local' }> {
  const config = readAppConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', PORT: '0' }, cwd);
  if (config.mode !== 'local') throw new Error('expected the local settings');
  return config;
}
