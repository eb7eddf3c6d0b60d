import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { importedFilePath, readShippedCollection, shippedFilePath } from '../../src/incidents/imported-store.js';
import { lastExport } from '../../src/sources/check-feed.js';
import { hibpList, names, waList } from '../sources/feed-lists.js';
import { FeedServer } from '../sources/feed-server.js';
import { captureContext } from '../support/cli-context.js';
import { REPO_DATA_DIR } from '../support/paths.js';

let server: FeedServer;
let cwd: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await new FeedServer().start();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'breachbot-sync-cli-'));
  env = { DATA_DIR: 'store', HIBP_API_URL: server.url('/api/v3'), WA_AG_URL: server.url('/wa.csv') };
  server.set('/api/v3/breaches', {
    kind: 'list',
    body: hibpList(names('Shop', 10)),
    contentType: 'application/json',
    etag: '"a"',
  });
  server.set('/wa.csv', { kind: 'list', body: waList(names('Retailer', 10)), contentType: 'text/csv' });
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const context = captureContext(env, cwd);
  const code = await main(args, context);
  return { code, stdout: context.stdout.text, stderr: context.stderr.text };
}

const NUMBERS =
  /imported 10 \(added 10, revised 0, unchanged 0, older than stored 0\); 0 duplicates; 0 covered by curated cards; rejected 0/;
const TIME = '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC';

describe('breachbot sync', () => {
  it('syncs every configured source, one line each, and skips HHS without HHS_OCR_URL', async () => {
    const { code, stdout, stderr } = await run('sync');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^hhs: skipped: HHS_OCR_URL is not set; .*set HHS_OCR_URL to the http\(s\) address/);
    expect(lines[1]).toMatch(/^hibp: updated: list as of 2026-10-10; read 10; /);
    expect(lines[1]).toMatch(NUMBERS);
    expect(lines[2]).toMatch(/^wa: updated: list as of 2026-10-10; read 10; /);
  });

  it('says unchanged when HIBP answers 304', async () => {
    await run('sync', 'hibp');
    const { code, stdout } = await run('sync', 'hibp');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(
        `^hibp: unchanged since the sync of ${TIME} \\(list as of 2026-10-10, 10 records; the server answered 304 Not Modified\\)\\n$`,
      ),
    );
    expect(server.requestsTo('/api/v3/breaches').at(-1)?.headers['if-none-match']).toBe('"a"');
  });

  it('exits 1 when a source is refused, keeps its data, and `sources` shows the error', async () => {
    await run('sync');
    const before = await readFile(importedFilePath(path.join(cwd, 'store'), 'wa-ag'));
    server.set('/wa.csv', { kind: 'status', status: 500 });

    const { code, stdout, stderr } = await run('sync', 'wa', 'hibp');

    expect(code).toBe(1);
    expect(stderr).toBe(
      `wa: refused, the stored list stays as it was: ${server.url('/wa.csv')} answered HTTP 500 Internal Server Error\n`,
    );
    expect(stdout).toMatch(/^hibp: unchanged since /);
    expect(await readFile(importedFilePath(path.join(cwd, 'store'), 'wa-ag'))).toEqual(before);

    const sources = await run('sources');
    expect(sources.code).toBe(0);
    const wa = sources.stdout.split('\n').find((line) => line.startsWith('wa: '));
    expect(wa).toMatch(
      new RegExp(
        `^wa: Washington State Attorney General: 10 records; list as of 2026-10-10; last synced ${TIME} \\(list as of 2026-10-10, 10 records\\); last error ${TIME}: ${server.url('/wa.csv')} answered HTTP 500 Internal Server Error$`,
      ),
    );
  });

  it('gives up on a server that does not answer within --timeout', async () => {
    server.set('/wa.csv', { kind: 'hang' });
    const { code, stderr } = await run('sync', 'wa', '--timeout', '0.2');
    expect(code).toBe(1);
    expect(stderr).toBe(
      `wa: refused, the stored list stays as it was: no complete answer from ${server.url('/wa.csv')} within 0.2 s\n`,
    );
  });

  it('refuses a list that lost half of the last one', async () => {
    await run('sync', 'hibp');
    server.set('/api/v3/breaches', { kind: 'list', body: hibpList(names('Shop', 5)), contentType: 'application/json' });
    const { code, stderr } = await run('sync', 'hibp');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'hibp: refused, the stored list stays as it was: the list has 5 records where the last one (as of 2026-10-10) had 10: 50% fewer (more than 10% fewer means a cut-short or broken list)\n',
    );
  });

  it.each([
    [['sync', 'ny'], /unknown source "ny": use hhs, hibp or wa/],
    [['sync', '--timeout', 'soon'], /--timeout must be a number of seconds/],
    [['sync', '--force'], /Unknown option '--force'/],
    [['sources', 'hhs'], /sources takes no arguments/],
  ])('refuses the arguments %j', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('stops on a bad setting, naming it and not its value', async () => {
    env.HIBP_API_URL = 'ftp://token@example.org/api';
    const { code, stderr } = await run('sync', 'wa');
    expect(code).toBe(1);
    expect(stderr).toBe(
      'breachbot sync: HIBP_API_URL: must be an http(s) URL such as https://haveibeenpwned.com/api/v3\n',
    );
  });
});

describe('breachbot sources', () => {
  it('shows each source never synced, HHS not configured, and the shipped lists with their date', async () => {
    const dataDir = path.join(cwd, 'store');
    await mkdir(path.join(dataDir, 'shipped'), { recursive: true });
    await copyFile(shippedFilePath(REPO_DATA_DIR, 'hibp'), shippedFilePath(dataDir, 'hibp'));
    const shipped = (await readShippedCollection(dataDir, 'hibp')).value;

    const { code, stdout } = await run('sources');

    expect(code).toBe(0);
    expect(stdout.trimEnd().split('\n')).toEqual([
      'hhs: HHS OCR breach portal: 0 records; no list; not configured (set HHS_OCR_URL); never synced',
      `hibp: Have I Been Pwned: ${shipped.incidents.length} records; list as of ${lastExport(shipped.exports)?.asOf} (shipped with breachbot); never synced`,
      'wa: Washington State Attorney General: 0 records; no list; never synced',
    ]);
  });

  it('shows the list of the last sync, and the shipped date no more', async () => {
    env.HHS_OCR_URL = server.url('/hhs.csv');
    await run('sync', 'wa');
    const { stdout } = await run('sources');
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('hhs: HHS OCR breach portal: 0 records; no list; never synced');
    expect(lines[2]).toMatch(
      new RegExp(
        `^wa: Washington State Attorney General: 10 records; list as of 2026-10-10; last synced ${TIME} \\(list as of 2026-10-10, 10 records\\)$`,
      ),
    );
  });
});
