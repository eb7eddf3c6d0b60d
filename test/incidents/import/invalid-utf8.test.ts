import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidUtf8Error, readSource } from '../../../src/incidents/import/read-source.js';

/** A CSV saved as Latin-1: "é" is the single byte 0xE9 on lines 3 and 5. */
const LATIN1 = Buffer.concat([
  Buffer.from('Name of Covered Entity,State\nAcme Health,NJ\nCaf', 'utf8'),
  Buffer.from([0xe9]),
  Buffer.from(' Clinic,NY\nBeta Care,CA\nR', 'utf8'),
  Buffer.from([0xe9]),
  Buffer.from('seau,TX\n', 'utf8'),
]);

let dir: string;
let server: Server;
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-utf8-'));
  server = createServer((_request, response) => response.end(LATIN1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/export.csv`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

describe('an export that is not valid UTF-8', () => {
  it('is refused, from a file, naming the lines with bad bytes', async () => {
    const file = path.join(dir, 'latin1.csv');
    await writeFile(file, LATIN1);
    const read = readSource(file, { cwd: dir });
    await expect(read).rejects.toBeInstanceOf(InvalidUtf8Error);
    await expect(read).rejects.toThrow(/latin1\.csv is not valid UTF-8 \(bytes that are not UTF-8 on lines 3, 5\)/);
  });

  it('is refused, from a URL, naming the lines with bad bytes', async () => {
    await expect(readSource(url, { cwd: dir })).rejects.toThrow(
      /export\.csv is not valid UTF-8 \(bytes that are not UTF-8 on lines 3, 5\)/,
    );
  });

  it('is read as before when it is UTF-8', async () => {
    const file = path.join(dir, 'utf8.csv');
    await writeFile(file, LATIN1.toString('latin1'), 'utf8');
    expect((await readSource(file, { cwd: dir })).text).toContain('Café Clinic');
  });
});
