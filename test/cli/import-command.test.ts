import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CliContext, UsageError } from '../../src/cli/command.js';
import { importCommand } from '../../src/cli/commands/import.js';
import { readImportedCollection } from '../../src/incidents/imported-store.js';
import { hhsCsv } from '../support/hhs-export.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

let cwd: string;
let stdout: ReturnType<typeof sink>;
let stderr: ReturnType<typeof sink>;
let context: CliContext;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'breachbot-import-cli-'));
  stdout = sink();
  stderr = sink();
  context = { stdout: stdout.stream, stderr: stderr.stream, env: { DATA_DIR: 'store' }, cwd };
});

afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('breachbot import', () => {
  it('imports an HHS export into DATA_DIR and prints the report', async () => {
    await writeFile(
      path.join(cwd, 'export.csv'),
      hhsCsv(
        '"A Clinic ","KS","Healthcare Provider","10","01/02/2024","Theft","Laptop","No",""',
        '"B","QQ","Health Plan","1","01/01/2024","Loss","Paper/Films","No",""',
      ),
    );
    expect(await importCommand.run(['hhs', 'export.csv'], context)).toBe(0);
    expect(stdout.text()).toContain(
      'read 2 rows; imported 1 (added 1; merged with stored records 0: revised 0, unchanged 0, older than stored 0); 0 exact duplicate rows; 0 covered by curated cards; rejected 1',
    );
    expect(stdout.text()).toContain('line 3: State "QQ" is not a US state code');
    expect(stderr.text()).toBe('');
    const stored = await readImportedCollection(path.join(cwd, 'store'), 'hhs-ocr');
    expect(stored.value.incidents.map((incident) => incident.id)).toEqual(['hhs-a-clinic-ks-20240102']);
  });

  it('imports a HIBP list', async () => {
    await writeFile(
      path.join(cwd, 'breaches.json'),
      JSON.stringify([
        { Title: 'X', PwnCount: 1, AddedDate: '2025-01-01T00:00:00Z', DataClasses: ['Email addresses'] },
      ]),
    );
    expect(await importCommand.run(['hibp', 'breaches.json'], context)).toBe(0);
    expect(stdout.text()).toContain('read 1 breaches; imported 1');
  });

  it('imports the Washington State Attorney General list', async () => {
    await writeFile(
      path.join(cwd, 'wa.csv'),
      [
        'DateAware,DateSubmitted,DataBreachCause,DateStart,DateEnd,Name,Id,CyberattackType,WashingtoniansAffected,IndustryType,BusinessType,Year,EntityState',
        '03/30/2022 12:00:00 AM,07/10/2023 12:00:00 AM,Unauthorized Access,03/23/2022 12:00:00 AM,03/30/2022 12:00:00 AM,ARx Patient Solutions,15323,,517,Health,,2023,KS',
        '03/30/2022 12:00:00 AM,07/10/2023 12:00:00 AM,Cyberattack,04/01/2022 12:00:00 AM,,Late Start Inc,15324,Malware,900,Business,Retail,2023,',
      ].join('\n'),
    );
    expect(await importCommand.run(['wa', 'wa.csv'], context)).toBe(0);
    expect(stdout.text()).toContain(
      'Washington State Attorney General data breach notifications as of 2023-07-10: wa.csv\nread 2 rows; imported 1 (added 1; ',
    );
    expect(stdout.text()).toContain('line 3: DateAware 2022-03-30 is before DateStart 2022-04-01');
    const stored = await readImportedCollection(path.join(cwd, 'store'), 'wa-ag');
    expect(stored.value.incidents.map(({ id, residentsAffected }) => ({ id, residentsAffected }))).toEqual([
      { id: 'wa-arx-patient-solutions-2023-15323', residentsAffected: { state: 'WA', count: 517 } },
    ]);
  });

  it('exits 1 with the reason on stderr when the file cannot be imported', async () => {
    await writeFile(path.join(cwd, 'wrong.csv'), '"Name","Count"\n"A","1"\n');
    expect(await importCommand.run(['hhs', 'wrong.csv'], context)).toBe(1);
    expect(stderr.text()).toMatch(
      /^breachbot import: .*wrong\.csv: line 1: missing columns: Name of Covered Entity, State, /,
    );

    expect(await importCommand.run(['hhs', 'absent.csv'], context)).toBe(1);
    expect(stderr.text()).toContain(`file not found: ${path.join(cwd, 'absent.csv')}`);
  });

  it('exits 1 when every row is rejected', async () => {
    await writeFile(
      path.join(cwd, 'bad.csv'),
      hhsCsv('"B","QQ","Health Plan","1","01/01/2024","Loss","Other","No",""'),
    );
    expect(await importCommand.run(['hhs', 'bad.csv'], context)).toBe(1);
    expect(stdout.text()).toContain('nothing imported; nothing saved');
    expect(stderr.text()).toBe('breachbot import: nothing could be imported from bad.csv\n');
  });

  it.each([
    [[], /expected two arguments, the source and a file or URL; got 0/],
    [['hhs'], /got 1: "hhs"/],
    [['hhs', 'a.csv', 'b.csv'], /got 3/],
    [['ny', 'a.csv'], /unknown source "ny": use "hhs" .*, "hibp" .* or "wa"/],
    [['hhs', '--force', 'a.csv'], /Unknown option '--force'/],
  ])('rejects the arguments %j with a usage error', async (args, message) => {
    await expect(importCommand.run(args, context)).rejects.toThrow(UsageError);
    await expect(importCommand.run(args, context)).rejects.toThrow(message);
  });

  it('shows examples in its help', () => {
    expect(importCommand.help).toContain('breachbot import hhs ~/Downloads/breach_report.csv');
    expect(importCommand.help).toContain('breachbot import hibp https://haveibeenpwned.com/api/v3/breaches');
    expect(importCommand.help).toContain('breachbot import wa ');
  });
});
