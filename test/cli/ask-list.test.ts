import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureContext } from '../support/cli-context.js';
import { REPO_DATA_DIR, REPO_ROOT } from '../support/paths.js';

async function run(args: string[], env: NodeJS.ProcessEnv) {
  const context = captureContext(env, REPO_ROOT);
  const code = await main(args, context);
  return { code, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('breachbot ask: list questions', () => {
  it('prints what was understood, the count and the top ten, each with its id', async () => {
    const { code, stdout } = await run(['ask', 'biggest breaches 2024'], { DATA_DIR: REPO_DATA_DIR });
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Largest breaches disclosed in 2024: [\d,]+ incidents, [\d,]+ people affected\.$/);
    expect(lines[1]).toBe('Ranked by people affected as last reported.');
    expect(lines.filter((line) => /^ {2}\d+\. .*\[[a-z0-9-]+\]$/.test(line))).toHaveLength(10);
    expect(stdout).toContain('[change-healthcare-2024]');
  }, 60_000);

  it('--json gives the same list with what was understood', async () => {
    const { stdout } = await run(['ask', 'hospital breaches in California', '--json'], { DATA_DIR: REPO_DATA_DIR });
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      kind: 'ranked-list',
      headline: expect.stringMatching(/^Breaches at hospitals in California: /),
      note: 'Hospitals matched by name.',
      understood: { order: 'newest', states: ['CA'], kinds: ['hospital'], disclosed: null },
    });
    expect(json.total).toBeGreaterThan(json.matches.length);
    expect(json.matches).toHaveLength(10);
    expect(json.matches.every((match: { state: string }) => match.state === 'CA')).toBe(true);
  }, 60_000);

  it('reads "this year" in DIGEST_TZ, and refuses a DIGEST_TZ that is no time zone', async () => {
    const { stdout } = await run(['ask', 'breaches this year', '--json'], {
      DATA_DIR: REPO_DATA_DIR,
      DIGEST_TZ: 'Pacific/Kiritimati',
    });
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati', year: 'numeric' }).format(
      new Date(),
    );
    expect(JSON.parse(stdout).understood.disclosed).toEqual({ from: `${year}-01-01`, to: `${year}-12-31` });
    const bad = await run(['ask', 'breaches this year'], { DATA_DIR: REPO_DATA_DIR, DIGEST_TZ: 'Mars/Olympus' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('DIGEST_TZ');
  }, 60_000);
});

describe('breachbot digest --dry-run', () => {
  it("prints the next run's digest and says which period it is and when it goes out", async () => {
    const { code, stdout } = await run(['digest', '--dry-run'], {
      DATA_DIR: REPO_DATA_DIR,
      DATABASE_URL: 'sqlite::memory:',
      DIGEST_CRON: '0 9 * * 1',
    });
    expect(code).toBe(0);
    const [first = ''] = stdout.split('\n');
    expect(first).toMatch(
      /^Preview of the digest due Mon, .* 09:00 UTC: .* \(\d{4}-W\d{2}\), as it stands now; nothing is posted or recorded\.$/,
    );
    // The period is the one ending the day before the next Monday: it has not ended yet.
    const key = /\((\d{4}-W\d{2})\)/.exec(first)?.[1];
    expect(stdout).toContain(`(${key})`);
  }, 60_000);
});
