import { describe, expect, it } from 'vitest';
import type { DigestServices } from '../../src/services/digest-commands.js';
import { runDigestSubcommand } from '../../src/slack/listeners/commands/digest-subcommand.js';

function logged() {
  const lines: { level: string; message: string; fields: unknown }[] = [];
  const at = (level: string) => (message: string, fields?: unknown) => lines.push({ level, message, fields });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

describe('`watch add` whose reply fails', () => {
  it('logs that the vendor was stored and only the reply failed', async () => {
    const stored: string[] = [];
    const digest = {
      subscriptions: { timeZone: 'UTC' },
      commands: {
        run: async (command: { vendor: string }) => {
          stored.push(command.vendor);
          return {
            kind: 'watchlist',
            watchlist: [{ name: command.vendor, addedBy: 'U0ADMIN001', addedAt: 0 }],
            change: { vendor: command.vendor, result: 'added' },
          };
        },
      },
    } as unknown as DigestServices;
    const { lines, logger } = logged();
    await runDigestSubcommand(
      digest,
      { kind: 'watch', action: 'add', vendor: 'Acme Billing' },
      {
        channelId: 'C0GENERAL1',
        userId: 'U0ADMIN001',
        respond: async () => {
          throw new Error('expired_url');
        },
        client: {} as never,
        logger: logger as never,
      },
    );
    expect(stored).toEqual(['Acme Billing']);
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(lines).toContainEqual({
      level: 'warn',
      message: expect.stringMatching(/the change was stored; only the reply to the person failed/),
      fields: { command: 'watch add', error: 'expired_url' },
    });
  });
});
