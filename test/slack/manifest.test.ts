import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ACTION_SHARE_INCIDENT, SHORTCUT_SHARE } from '../../src/views/blocks/ids.js';
import { REPO_ROOT } from '../support/paths.js';

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: { command: string; usage_hint?: string; url: string }[];
    shortcuts: { type: string; callback_id: string; name: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url: string };
    interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url: string };
    socket_mode_enabled: boolean;
  };
}

describe('manifest.yml', async () => {
  const manifest = parse(await readFile(path.join(REPO_ROOT, 'manifest.yml'), 'utf8')) as Manifest;

  it('declares what the code listens for', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/breach', usage_hint: expect.any(String) }),
    ]);
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'global', callback_id: SHORTCUT_SHARE, name: 'Share incident card' }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity).toMatchObject({
      is_enabled: true,
      message_menu_options_url: expect.stringMatching(/\/slack\/events$/),
    });
    expect(ACTION_SHARE_INCIDENT).toBeTruthy();
  });

  it('asks only for the scopes the code needs', () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      'app_mentions:read',
      'channels:history',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:write',
      'groups:history',
      'im:history',
      'im:write',
      'users:read',
    ]);
  });

  it('points every HTTP-mode URL at the one endpoint the receiver serves', () => {
    const urls = [
      ...manifest.features.slash_commands.map((command) => command.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.settings.interactivity.message_menu_options_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
  });
});
