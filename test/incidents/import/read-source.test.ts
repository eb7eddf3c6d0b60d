import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSource, SourceReadError } from '../../../src/incidents/import/read-source.js';

let server: Server;
let baseUrl: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-read-source-'));
  server = createServer((request, response) => {
    if (request.url === '/breaches') {
      response.setHeader('content-type', 'application/json');
      response.end(`\uFEFF[{"Title":"é","ua":${JSON.stringify(request.headers['user-agent'] ?? '')}}]`);
    } else if (request.url === '/big') {
      // No content-length: the limit must hold while streaming.
      response.write('x'.repeat(600));
      response.end('x'.repeat(600));
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('late'), 2_000);
    } else {
      response.statusCode = 404;
      response.end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('readSource', () => {
  it('reads a file relative to cwd, without a byte-order mark', async () => {
    await writeFile(path.join(dir, 'export.csv'), '\uFEFF"a","b"\n');
    expect(await readSource('export.csv', { cwd: dir })).toEqual({
      text: '"a","b"\n',
      location: path.join(dir, 'export.csv'),
    });
  });

  it('names a missing file and a directory', async () => {
    await expect(readSource('missing.csv', { cwd: dir })).rejects.toThrow(
      new SourceReadError(`file not found: ${path.join(dir, 'missing.csv')}`),
    );
    await expect(readSource('.', { cwd: dir })).rejects.toThrow(`${dir} is a directory, not an export file`);
  });

  it('refuses a file over the size limit', async () => {
    await writeFile(path.join(dir, 'big.csv'), 'x'.repeat(2_000));
    await expect(readSource('big.csv', { cwd: dir, maxBytes: 1_000 })).rejects.toThrow(/big\.csv is .* are refused/);
  });

  it('fetches a URL as UTF-8 and names itself to the server', async () => {
    const { text, location } = await readSource(`${baseUrl}/breaches`, { cwd: dir });
    expect(location).toBe(`${baseUrl}/breaches`);
    expect(JSON.parse(text)).toEqual([{ Title: 'é', ua: 'breachbot-import' }]);
  });

  it('names the URL and the status of a failed request', async () => {
    await expect(readSource(`${baseUrl}/gone`, { cwd: dir })).rejects.toThrow(
      `${baseUrl}/gone answered HTTP 404 Not Found`,
    );
  });

  it('stops reading a response over the size limit', async () => {
    await expect(readSource(`${baseUrl}/big`, { cwd: dir, maxBytes: 1_000 })).rejects.toThrow(
      `${baseUrl}/big sent more than`,
    );
  });

  it('gives up on a server that does not answer in time', async () => {
    await expect(readSource(`${baseUrl}/slow`, { cwd: dir, timeoutMs: 200 })).rejects.toThrow(
      `could not fetch ${baseUrl}/slow: no complete answer within 0.2 s`,
    );
  });

  it('names a URL that cannot be reached', async () => {
    await expect(readSource('http://127.0.0.1:1/x', { cwd: dir })).rejects.toThrow(
      /^could not fetch http:\/\/127\.0\.0\.1:1\/x: /,
    );
  });
});
