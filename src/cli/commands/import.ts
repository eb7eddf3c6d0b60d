import { parseArgs } from 'node:util';
import { z } from 'zod';
import { readAppConfig } from '../../config/app-config.js';
import { readDataConfig } from '../../config/data-config.js';
import { formatImportReport, type ImportReport, runImport } from '../../incidents/import/run-import.js';
import type { ImportSource } from '../../incidents/imported-store.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

const SOURCES = { hhs: 'hhs-ocr', hibp: 'hibp', wa: 'wa-ag' } as const satisfies Record<string, ImportSource>;
type Kind = keyof typeof SOURCES;

const KINDS_HELP =
  'use "hhs" (HHS OCR breach portal CSV), "hibp" (Have I Been Pwned breach list JSON) or "wa" (Washington State Attorney General data breach notifications CSV)';

const argsSchema = z.tuple(
  [
    z.enum(['hhs', 'hibp', 'wa'], { error: (issue) => `unknown source "${String(issue.input)}": ${KINDS_HELP}` }),
    z.string().trim().min(1, 'the file or URL to import must not be empty'),
  ],
  {
    error: (issue) => {
      const given = Array.isArray(issue.input) ? issue.input.map((arg) => JSON.stringify(arg)) : [];
      return `expected two arguments, the source and a file or URL; got ${given.length}${given.length > 0 ? `: ${given.join(' ')}` : ''}`;
    },
  },
);

const help = `Usage: breachbot import <hhs|hibp|wa> <file|url>

Imports an official breach export into DATA_DIR/imported/ (DATA_DIR defaults to ./data).
A newer export revises the records an older one stored; importing an older export again
changes nothing. Rows that cannot be read are listed with their line and left out.

Sources:
  hhs   HHS OCR breach portal CSV ("under investigation" or "archive" export)
  hibp  Have I Been Pwned breach list JSON (/api/v3/breaches)
  wa    Washington State Attorney General data breach notifications CSV
        (its counts are of Washington residents only)

Examples:
  breachbot import hhs ~/Downloads/breach_report.csv
  breachbot import hibp https://haveibeenpwned.com/api/v3/breaches
  breachbot import wa ~/Downloads/data_breach_notifications.csv`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import an official breach list: HHS OCR, Have I Been Pwned or the Washington AG (file or URL)',
  help,
  async run(args, context) {
    const { kind, from } = readArgs(args);
    const { dataDir } = readDataConfig(context.env, context.cwd);
    const { timeZone } = readAppConfig(context.env, context.cwd).digest;
    let report: ImportReport;
    try {
      report = await runImport({ source: SOURCES[kind], from, dataDir, cwd: context.cwd, timeZone });
    } catch (error) {
      writeLine(context.stderr, `breachbot import: ${(error as Error).message}`);
      return 1;
    }
    writeLine(context.stdout, formatImportReport(report));
    if (!report.file) {
      writeLine(context.stderr, `breachbot import: nothing could be imported from ${from}`);
      return 1;
    }
    return 0;
  },
};

function readArgs(args: string[]): { kind: Kind; from: string } {
  let positionals: string[];
  try {
    positionals = parseArgs({ args, allowPositionals: true, strict: true, options: {} }).positionals;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = argsSchema.safeParse(positionals);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'invalid arguments');
  const [kind, from] = parsed.data;
  return { kind, from };
}
