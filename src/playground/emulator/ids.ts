/** Identifiers the emulator uses unless told others; shaped like real Slack ids. */
export const DEFAULT_IDS = {
  teamId: 'T0FAKETEAM',
  teamDomain: 'breachbot-test',
  appId: 'A0FAKEAPP1',
  botUserId: 'U0FAKEBOT1',
  botId: 'B0FAKEBOT1',
  userId: 'U0FAKEUSR1',
  channelId: 'C0FAKECHN1',
} as const;

let sequence = 0;

/** Slack message timestamps are "seconds.micro"; a counter keeps them unique and ordered within a run. */
export function nextTs(): string {
  sequence += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
}

export function randomId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().replaceAll('-', '').slice(0, 10).toUpperCase()}`;
}
