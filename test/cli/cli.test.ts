import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { SlackEmulator } from '../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../support/checked-emulator.js';
import { captureContext } from '../support/cli-context.js';
import { REPO_ROOT } from '../support/paths.js';
import { firstCardsDataDir, shippedDataCopy } from '../support/repo-dataset.js';

let env: NodeJS.ProcessEnv;
let firstCards: string;
beforeAll(async () => {
  firstCards = await firstCardsDataDir();
  env = { DATA_DIR: firstCards };
});
afterAll(async () => {
  await rm(firstCards, { recursive: true, force: true });
});

async function run(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const context = captureContext(options.env ?? env, REPO_ROOT, options.input);
  const code = await main(args, context);
  return { code, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('breachbot ask', () => {
  it('prints the card for what a user would type after /breach', async () => {
    const { code, stdout } = await run(['ask', 'was HealthEC hacked?']);
    expect(code).toBe(0);
    // The question answered first, in one sentence, then the card.
    expect(stdout).toMatch(/^Yes: HealthEC LLC had a hacking\/IT incident .*\.\n\nHealthEC LLC\n/);
    expect(stdout).toContain('4,786,241 people');
  });

  it('prints the SSN checklist for `steps ssn`, also when the words are not quoted', async () => {
    const { stdout } = await run(['ask', 'steps', 'ssn']);
    expect(stdout).toContain('What to do: Social Security numbers');
    expect(stdout).toContain('Identity Protection PIN');
  });

  it('prints the structured answer with --json, best match first', async () => {
    const { code, stdout } = await run(['ask', 'arx patient', '--json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ query: 'arx patient', kind: 'incident' });
    expect(json.matches[0]).toMatchObject({ id: 'arx-patient-solutions-2022', organization: 'ARx Patient Solutions' });
    expect(typeof json.matches[0].score).toBe('number');
    expect(json.direct).toMatchObject({ intent: 'overview', text: expect.stringContaining('41,166 people') });
  });

  it('prints usage for an empty question, and refuses unknown options', async () => {
    expect((await run(['ask'])).stdout).toContain('steps ssn');
    const wrong = await run(['ask', '--colour', 'x']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("Unknown option '--colour'");
    expect(wrong.stderr).toContain('Usage: breachbot ask');
  });

  it('sends `digest …` and `watch …` to Slack instead of searching for them', async () => {
    for (const query of [
      ['digest', 'on'],
      ['watch add', 'Acme Health'],
    ]) {
      const { code, stdout, stderr } = await run(['ask', ...query]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`type \`/breach ${query.join(' ')}\` there`);
      expect(stderr).toContain('breachbot digest --dry-run');
    }
    // A word that only starts like one is still a search.
    expect((await run(['ask', 'digestive health'])).code).toBe(0);
  });
});

describe('breachbot validate and invalid data', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await shippedDataCopy();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says ok on the shipped data', async () => {
    const { code, stdout } = await run(['validate']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ok: 2 curated cards/);
  });

  it('prints one line per problem and exits 1; ask refuses with the same lines', async () => {
    const file = path.join(dataDir, 'incidents', 'healthec-2023.yaml');
    await writeFile(
      file,
      'id: healthec-2023\norganization: HealthEC\nbreachTypes: [hacking]\norigin: curated\nupdated: 2026-13-01\n',
    );
    const validate = await run(['validate'], { env: { DATA_DIR: dataDir } });
    expect(validate.code).toBe(1);
    const lines = validate.stdout.trim().split('\n');
    expect(lines).toEqual([
      `${file}: healthec-2023: summary: a curated card needs a summary`,
      `${file}: healthec-2023: lessons: a curated card needs at least one lesson`,
      `${file}: healthec-2023: sources: a curated card needs at least one source URL`,
      `${file}: healthec-2023: updated: is not a real calendar date`,
    ]);
    const ask = await run(['ask', 'healthec'], { env: { DATA_DIR: dataDir } });
    expect(ask.code).toBe(1);
    for (const line of lines) expect(ask.stderr).toContain(line);
  });
});

describe('breachbot', () => {
  it('lists the commands, and gives each command its help', async () => {
    const { stdout, code } = await run(['--help']);
    expect(code).toBe(0);
    for (const name of ['ask', 'import', 'validate', 'stats', 'latest', 'start']) expect(stdout).toContain(`  ${name}`);
    expect((await run(['stats', '--help'])).stdout).toContain('Usage: breachbot stats [year]');
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['stats', 'twenty'])).code).toBe(2);
  });

  it('prints stats and the latest disclosures', async () => {
    expect((await run(['stats', '2023'])).stdout).toContain('2 incidents');
    expect((await run(['latest', '1'])).stdout).toContain('HealthEC LLC');
  });

  it('start stops with one line per bad setting, naming the variable and not its value', async () => {
    const { code, stderr } = await run(['start'], {
      env: { ...env, SLACK_BOT_TOKEN: 'xoxp-not-a-bot-token', PORT: '99999' },
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
    expect(stderr).toContain('PORT: must be 0 to 65535');
    expect(stderr).not.toContain('xoxp-not-a-bot-token');
  });

  it('start refuses a DIGEST_CRON that fires more than once a day, in one line naming it', async () => {
    const { code, stderr } = await run(['start'], {
      env: {
        ...env,
        SLACK_BOT_TOKEN: 'xoxb-1-test',
        SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5',
        DIGEST_CRON: '0 9,17 * * 1',
      },
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^breachbot start: DIGEST_CRON: must fire at most once a day/);
  });

  it('start with a Slack setting but no bot token says what is missing instead of running the playground', async () => {
    const { code, stdout, stderr } = await run(['start'], {
      env: { ...env, SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5', PORT: '0' },
    });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('SLACK_BOT_TOKEN: is missing, but SLACK_SIGNING_SECRET is set');
    expect(stderr).not.toContain('8f742231b10e8888abcd99aaaaaa85a5');
    expect(stdout).not.toContain('playground');
  });

  it('start with no Slack token serves the playground until stopped, and points to `ask` for the terminal', async () => {
    const stop = new AbortController();
    const context = { ...captureContext({ ...env, PORT: '0' }, REPO_ROOT), stop: stop.signal };
    const running = main(['start'], context);
    const url = await vi.waitFor(
      () => {
        const found = /open (http:\/\/localhost:\d+)/.exec(context.stdout.text)?.[1];
        if (!found) throw new Error(`no URL yet; stdout: ${context.stdout.text} stderr: ${context.stderr.text}`);
        return found;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(context.stdout.text).toContain('on 2 incidents');
    expect(context.stdout.text).toContain('npx breachbot ask');
    expect((await fetch(url)).status).toBe(200);
    stop.abort();
    expect(await running).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  describe('start with a Slack token', () => {
    // An emulator per test: Bolt checks the token again after start, and a late check from one
    // test must not take a fault injected for the next.
    let emulator: SlackEmulator;
    let dir: string;
    beforeEach(async () => {
      emulator = await startCheckedEmulator();
      dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-start-'));
    });
    afterEach(async () => {
      await emulator.close();
      await rm(dir, { recursive: true, force: true });
    });
    const slackEnv = () => ({
      ...env,
      SLACK_BOT_TOKEN: 'xoxb-1-test',
      SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99aaaaaa85a5',
      SLACK_API_URL: emulator.url,
      DATABASE_URL: `sqlite:${path.join(dir, 'breachbot.db')}`,
      PORT: '0',
      LOG_LEVEL: 'error',
    });

    it('runs the Slack app and the digest schedule until stopped', async () => {
      const stop = new AbortController();
      const context = { ...captureContext(slackEnv(), REPO_ROOT), stop: stop.signal };
      const running = main(['start'], context);
      await vi.waitFor(
        () => expect(context.stdout.text).toContain('Weekly digest: "0 9 * * 1" in UTC, store: sqlite'),
        {
          timeout: 10_000,
          interval: 20,
        },
      );
      expect(context.stdout.text).toContain('at /slack/events, on 2 incidents');
      stop.abort();
      expect(await running).toBe(0);
      // The token is checked once, before the start; Bolt is given the answer.
      expect(emulator.callsTo('auth.test')).toHaveLength(1);
    });

    it('says in one line that Slack refused the token, without showing it', async () => {
      emulator.inject('auth.test', { error: 'invalid_auth' });
      const { code, stderr } = await run(['start'], { env: slackEnv() });
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        "breachbot start: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.",
      );
      expect(stderr).not.toContain('xoxb-1-test');
    });
  });
});
