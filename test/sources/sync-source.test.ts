import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourcesConfig } from '../../src/config/sources-config.js';
import { type ImportSource, importedFilePath, readImportedCollection } from '../../src/incidents/imported-store.js';
import { describeSyncOutcome, type SyncOutcome } from '../../src/sources/sync-outcome.js';
import { type SyncOptions, syncSource } from '../../src/sources/sync-source.js';
import { readSyncStatus, syncStatusPath } from '../../src/sources/sync-status.js';
import { FakeClock } from '../support/fake-clock.js';
import { REPO_ROOT } from '../support/paths.js';
import { ERROR_PAGE, hhsList, hibpList, names, waList } from './feed-lists.js';
import { type Answer, FeedServer } from './feed-server.js';

const HOUR = 3_600_000;
const JSON_TYPE = 'application/json; charset=utf-8';
const CSV_TYPE = 'text/csv; charset=utf-8';
const VERSION = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version as string;

let server: FeedServer;
let dataDir: string;
let clock: FakeClock;
let config: SourcesConfig;

beforeAll(async () => {
  server = await new FeedServer().start();
  config = {
    hibpUrl: server.url('/api/v3/breaches'),
    waAgUrl: server.url('/wa.csv'),
    hhsOcrUrl: server.url('/hhs.csv'),
  };
});

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-sync-'));
  clock = new FakeClock(Date.parse('2026-11-24T12:00:00Z'));
  server.requests.length = 0;
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function sync(source: ImportSource, options: Partial<SyncOptions> = {}): Promise<SyncOutcome> {
  return syncSource(source, { dataDir, config, now: () => new Date(clock.now()), ...options });
}

/** The stored collection's bytes, or undefined when there is none. */
function storedBytes(source: ImportSource): Promise<Buffer | undefined> {
  return readFile(importedFilePath(dataDir, source)).catch(() => undefined);
}

async function storedNames(source: ImportSource): Promise<string[]> {
  const { value, problems } = await readImportedCollection(dataDir, source);
  expect(problems).toEqual([]);
  return value.incidents.map((incident) => incident.organization).sort();
}

const hibp = (titles: readonly string[], etag?: string, firstDay?: number): Answer => ({
  kind: 'list',
  body: hibpList(titles, firstDay),
  contentType: JSON_TYPE,
  ...(etag && { etag }),
});
const wa = (organizations: readonly string[]): Answer => ({
  kind: 'list',
  body: waList(organizations),
  contentType: CSV_TYPE,
});

describe('a sync of one source', () => {
  it('imports a new HIBP list, naming breachbot and its version to the server', async () => {
    server.set('/api/v3/breaches', hibp(names('Shop', 10), '"v1"'));
    const outcome = await sync('hibp');

    expect(outcome).toMatchObject({ kind: 'updated', warnings: [], report: { read: 10, added: 10, rejected: [] } });
    expect(describeSyncOutcome(outcome)).toBe(
      'hibp: updated: list as of 2026-10-10; read 10; imported 10 (added 10, revised 0, unchanged 0, older than stored 0); 0 duplicates; 0 covered by curated cards; rejected 0',
    );
    const [request] = server.requestsTo('/api/v3/breaches');
    expect(request?.headers['user-agent']).toBe(`breachbot/${VERSION} breach-awareness Slack app`);
    expect(request?.headers['if-none-match']).toBeUndefined();
    expect(await storedNames('hibp')).toHaveLength(10);
    expect((await readSyncStatus(dataDir, 'hibp')).status).toEqual({
      source: 'hibp',
      lastAttemptAt: '2026-11-24T12:00:00.000Z',
      lastSuccess: {
        at: '2026-11-24T12:00:00.000Z',
        url: config.hibpUrl,
        asOf: '2026-10-10',
        records: 10,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        etag: '"v1"',
      },
    });
  });

  it('asks HIBP with If-None-Match the next time, and takes a 304 as unchanged without touching the data', async () => {
    server.set('/api/v3/breaches', hibp(names('Shop', 10), '"v1"'));
    await sync('hibp');
    const before = await storedBytes('hibp');

    clock.advance(HOUR);
    const outcome = await sync('hibp');

    expect(server.requestsTo('/api/v3/breaches').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(outcome).toMatchObject({ kind: 'unchanged', how: 'not-modified' });
    expect(describeSyncOutcome(outcome)).toBe(
      'hibp: unchanged since the sync of 2026-11-24 12:00 UTC (list as of 2026-10-10, 10 records; the server answered 304 Not Modified)',
    );
    expect(await storedBytes('hibp')).toEqual(before);
    const { status } = await readSyncStatus(dataDir, 'hibp');
    expect(status?.lastAttemptAt).toBe('2026-11-24T13:00:00.000Z');
    expect(status?.lastSuccess).toMatchObject({ at: '2026-11-24T13:00:00.000Z', etag: '"v1"', asOf: '2026-10-10' });
  });

  it('asks for the whole list again when the data the last sync stored is gone', async () => {
    server.set('/api/v3/breaches', hibp(names('Shop', 10), '"v1"'));
    await sync('hibp');
    await rm(importedFilePath(dataDir, 'hibp'));

    const outcome = await sync('hibp');

    expect(server.requestsTo('/api/v3/breaches').at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(outcome).toMatchObject({ kind: 'updated', report: { added: 10 } });
  });

  it('imports a newer list over the last one, adding what is new', async () => {
    server.set('/api/v3/breaches', hibp(names('Shop', 10), '"v1"'));
    await sync('hibp');
    server.set('/api/v3/breaches', hibp(names('Shop', 11), '"v2"'));
    clock.advance(HOUR);

    const outcome = await sync('hibp');

    expect(server.requestsTo('/api/v3/breaches').at(-1)?.headers['if-none-match']).toBe('"v1"');
    expect(outcome).toMatchObject({ kind: 'updated', report: { read: 11, added: 1 } });
    expect(await storedNames('hibp')).toContain('Shop 11');
    expect((await readSyncStatus(dataDir, 'hibp')).status?.lastSuccess).toMatchObject({ etag: '"v2"', records: 11 });
  });

  it('takes the very list of the last sync as unchanged, from a server without ETags', async () => {
    server.set('/wa.csv', wa(names('Retailer', 10)));
    expect(await sync('wa-ag')).toMatchObject({ kind: 'updated', report: { added: 10 } });
    const before = await storedBytes('wa-ag');

    clock.advance(HOUR);
    const outcome = await sync('wa-ag');

    expect(server.requestsTo('/wa.csv').at(-1)?.headers['if-none-match']).toBeUndefined();
    expect(describeSyncOutcome(outcome)).toBe(
      'wa: unchanged since the sync of 2026-11-24 12:00 UTC (list as of 2026-10-10, 10 records; the same list was sent)',
    );
    expect(await storedBytes('wa-ag')).toEqual(before);
  });

  it('imports an HHS export from HHS_OCR_URL, and skips HHS when it is not set', async () => {
    server.set('/hhs.csv', { kind: 'list', body: hhsList(names('Clinic', 10)), contentType: CSV_TYPE });
    expect(await sync('hhs-ocr')).toMatchObject({ kind: 'updated', report: { read: 10, added: 10 } });

    const skipped = await sync('hhs-ocr', { config: { ...config, hhsOcrUrl: undefined } });
    expect(skipped.kind).toBe('skipped');
    expect(describeSyncOutcome(skipped)).toMatch(
      /^hhs: skipped: HHS_OCR_URL is not set; .* set HHS_OCR_URL to the http\(s\) address of a CSV export you host/,
    );
    expect(server.requestsTo('/hhs.csv')).toHaveLength(1);
  });
});

describe('a sync refuses a doubtful list and keeps the stored one', () => {
  /** Syncs a good list first, so that there is something to keep. */
  async function refusedAfterGoodSync(
    source: ImportSource,
    path: string,
    good: Answer,
    bad: Answer,
    options: Partial<SyncOptions> = {},
  ): Promise<string> {
    server.set(path, good);
    expect((await sync(source)).kind).toBe('updated');
    const before = await storedBytes(source);
    expect(before).toBeDefined();

    server.set(path, bad);
    clock.advance(HOUR);
    const outcome = await sync(source, options);

    expect(outcome.kind).toBe('refused');
    expect(await storedBytes(source)).toEqual(before);
    const { status } = await readSyncStatus(dataDir, source);
    const line = describeSyncOutcome(outcome);
    expect(status?.lastError).toEqual({
      at: '2026-11-24T13:00:00.000Z',
      reason: line.replace(/^.*?stays as it was: /, ''),
    });
    expect(status?.lastSuccess?.at).toBe('2026-11-24T12:00:00.000Z');
    return line;
  }

  const good = hibp(names('Shop', 20));
  const list = hibpList(names('Shop', 20));

  it('on an HTTP error', async () => {
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, {
      kind: 'status',
      status: 500,
      body: 'oops',
    });
    expect(line).toBe(
      `hibp: refused, the stored list stays as it was: ${config.hibpUrl} answered HTTP 500 Internal Server Error`,
    );
  });

  it.each([
    ['declared as HTML', 'text/html; charset=utf-8'],
    ['declared as JSON', JSON_TYPE],
  ])('on an HTML error page %s', async (_, contentType) => {
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, {
      kind: 'list',
      body: ERROR_PAGE,
      contentType,
    });
    expect(line).toBe(
      'hibp: refused, the stored list stays as it was: the answer is a web page, not the JSON breach list',
    );
  });

  it('on a download cut off before its declared length', async () => {
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, {
      kind: 'cut-off',
      body: list,
      contentType: JSON_TYPE,
    });
    expect(line).toMatch(
      new RegExp(`^hibp: refused, the stored list stays as it was: the download from ${config.hibpUrl} broke off: `),
    );
  });

  it('on a truncated list served whole', async () => {
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, {
      kind: 'list',
      body: list.slice(0, list.length >> 1),
      contentType: JSON_TYPE,
    });
    expect(line).toMatch(
      new RegExp(
        `^hibp: refused, the stored list stays as it was: not the JSON breach list: ${config.hibpUrl}: is not valid JSON: `,
      ),
    );
  });

  it('on a list with other columns', async () => {
    const line = await refusedAfterGoodSync('wa-ag', '/wa.csv', wa(names('Retailer', 20)), {
      kind: 'list',
      body: 'Organization,Date\nAcme,2026-10-01\n',
      contentType: CSV_TYPE,
    });
    expect(line).toMatch(
      /^wa: refused, the stored list stays as it was: not the CSV list of data breach notifications: .*wa\.csv: line 1: missing columns: DateAware, DateSubmitted, /,
    );
  });

  it('on a list with more than 5% of its rows unreadable', async () => {
    const bad = [
      '"Bad One","QQ","Health Plan","1","10/01/2026","Loss","Paper/Films","No",""',
      '"","KS","","","","","","",""',
    ];
    const line = await refusedAfterGoodSync(
      'hhs-ocr',
      '/hhs.csv',
      { kind: 'list', body: hhsList(names('Clinic', 20)), contentType: CSV_TYPE },
      { kind: 'list', body: hhsList(names('Clinic', 20), bad), contentType: CSV_TYPE },
    );
    expect(line).toBe(
      'hhs: refused, the stored list stays as it was: 2 of 22 records could not be read (9%; more than 5% means a changed or broken list), the first at line 22: State "QQ" is not a US state code',
    );
  });

  it('on a list that would drop half of the last list', async () => {
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, hibp(names('Shop', 10)));
    expect(line).toBe(
      'hibp: refused, the stored list stays as it was: the list has 10 records where the last one (as of 2026-10-20) had 20: 50% fewer (more than 10% fewer means a cut-short or broken list)',
    );
  });

  it('on a server that does not answer within the timeout', async () => {
    const started = performance.now();
    const line = await refusedAfterGoodSync('hibp', '/api/v3/breaches', good, { kind: 'hang' }, { timeoutMs: 200 });
    expect(line).toBe(
      `hibp: refused, the stored list stays as it was: no complete answer from ${config.hibpUrl} within 0.2 s`,
    );
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('on a server that cannot be reached, before any list was stored', async () => {
    const outcome = await sync('hibp', { config: { ...config, hibpUrl: 'http://127.0.0.1:1/api/v3/breaches' } });
    expect(describeSyncOutcome(outcome)).toMatch(
      /^hibp: refused, the stored list stays as it was: could not reach http:\/\/127\.0\.0\.1:1\/api\/v3\/breaches: /,
    );
    expect(await storedBytes('hibp')).toBeUndefined();
    expect((await readSyncStatus(dataDir, 'hibp')).status).toMatchObject({ lastError: { reason: expect.any(String) } });
  });

  it('on a stored list with problems, which an import would overwrite', async () => {
    const file = importedFilePath(dataDir, 'hibp');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"source":"hibp",');
    server.set('/api/v3/breaches', good);

    const outcome = await sync('hibp');

    expect(describeSyncOutcome(outcome)).toMatch(
      /^hibp: refused, the stored list stays as it was: the stored list has 1 problem\(s\), the first: .*hibp\.json: is not valid JSON: .*\(breachbot validate lists them\)$/,
    );
    expect(await readFile(file, 'utf8')).toBe('{"source":"hibp",');
    expect(server.requestsTo('/api/v3/breaches')).toEqual([]);
  });

  it('keeps an access token in the address out of the reason', async () => {
    server.set('/private.csv?token=secret', { kind: 'status', status: 403 });
    const outcome = await sync('hhs-ocr', {
      config: { ...config, hhsOcrUrl: server.url('/private.csv?token=secret') },
    });
    expect(describeSyncOutcome(outcome)).toBe(
      `hhs: refused, the stored list stays as it was: ${server.url('/private.csv')}?… answered HTTP 403 Forbidden`,
    );
  });
});

describe('sync status', () => {
  it('reports a broken status file and replaces it with this sync', async () => {
    const file = syncStatusPath(dataDir, 'wa-ag');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '{"source":"wa-ag","lastAttemptAt":');
    expect((await readSyncStatus(dataDir, 'wa-ag')).problem).toMatch(/sync-status\.json: is not valid JSON: /);

    server.set('/wa.csv', wa(names('Retailer', 5)));
    const outcome = await sync('wa-ag');

    expect(outcome.kind).toBe('updated');
    expect(outcome.warnings).toEqual([
      expect.stringMatching(/^sync status ignored, it is unreadable: .*is not valid JSON/),
    ]);
    expect(await readSyncStatus(dataDir, 'wa-ag')).toMatchObject({ status: { lastSuccess: { records: 5 } } });
  });

  it('names the field of a status file that is not one', async () => {
    const file = syncStatusPath(dataDir, 'hibp');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ source: 'hibp', lastAttemptAt: 'yesterday' }));
    expect((await readSyncStatus(dataDir, 'hibp')).problem).toMatch(
      /hibp\.sync-status\.json: is not a sync status: lastAttemptAt: /,
    );
  });
});

describe('two syncs of one source at once', () => {
  it('both complete, and the stored list keeps what each brought', async () => {
    server.set('/api/v3/breaches', [hibp(names('Shop', 10)), hibp(names('Store', 10), undefined, 10)]);

    const outcomes = await Promise.all([sync('hibp'), sync('hibp')]);

    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['updated', 'updated']);
    expect(await storedNames('hibp')).toEqual([...names('Shop', 10), ...names('Store', 10)].sort());
    const { value } = await readImportedCollection(dataDir, 'hibp');
    expect(value.exports).toHaveLength(2);
    expect((await readSyncStatus(dataDir, 'hibp')).status?.lastSuccess?.records).toBe(10);
  });
});
