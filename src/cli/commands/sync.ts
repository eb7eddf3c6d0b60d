import { parseArgs } from 'node:util';
import { readAppConfig } from '../../config/app-config.js';
import { readDataConfig } from '../../config/data-config.js';
import { readSourcesConfig } from '../../config/sources-config.js';
import { FEEDS } from '../../sources/feeds.js';
import { describeSyncOutcome } from '../../sources/sync-outcome.js';
import { syncSource } from '../../sources/sync-source.js';
import { type CliCommand, UsageError, writeLine } from '../command.js';

const help = `Usage: breachbot sync [hhs|hibp|wa …] [--timeout <seconds>]

Downloads the official breach lists, checks them and imports them into DATA_DIR/imported/
(DATA_DIR defaults to ./data), as \`breachbot import\` would. Without a source, every
configured one. Prints one line per source: unchanged, updated (with the import's
numbers), skipped and why, or refused and why.

A list is refused, and the stored one kept as it was, when the download fails or takes
longer than the timeout, when it is not the list expected (a web page, a cut-short file,
other columns), when more than 5% of its records cannot be read, or when it has more than
10% fewer records than the last list of that source. Exits 1 if any source was refused.

Sources and where they are downloaded from:
  hhs   HHS OCR breach portal CSV: HHS_OCR_URL (no default; unset, hhs is skipped)
  hibp  Have I Been Pwned: HIBP_API_URL/breaches (default https://haveibeenpwned.com/api/v3)
  wa    Washington State Attorney General CSV: WA_AG_URL (default the data.wa.gov export)

Options:
  --timeout <seconds>  how long a download may take (default 60)

\`breachbot sources\` shows what each source holds and how its last sync went.`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'download, check and import the official breach lists; refuses a doubtful list',
  help,
  async run(args, context) {
    const { sources, timeoutMs } = readArgs(args);
    const { dataDir } = readDataConfig(context.env, context.cwd);
    const config = readSourcesConfig(context.env);
    const { timeZone } = readAppConfig(context.env, context.cwd).digest;
    let refused = 0;
    // One after the other: the lists are large, and one failing must not cut another short.
    for (const feed of FEEDS.filter((candidate) => sources.includes(candidate.kind))) {
      const outcome = await syncSource(feed.source, {
        dataDir,
        config,
        timeZone,
        ...(timeoutMs !== undefined && { timeoutMs }),
      });
      for (const warning of outcome.warnings) writeLine(context.stderr, `${feed.kind}: warning: ${warning}`);
      if (outcome.kind === 'refused') refused++;
      writeLine(outcome.kind === 'refused' ? context.stderr : context.stdout, describeSyncOutcome(outcome));
    }
    return refused > 0 ? 1 : 0;
  },
};

const KINDS: readonly string[] = FEEDS.map((feed) => feed.kind);

function readArgs(args: string[]): { sources: string[]; timeoutMs: number | undefined } {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const unknown = parsed.positionals.filter((name) => !KINDS.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown source ${unknown.map((name) => `"${name}"`).join(', ')}: use hhs, hibp or wa`);
  }
  const { timeout } = parsed.values;
  const seconds = timeout === undefined ? undefined : Number(timeout);
  if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0 && seconds <= 3600)) {
    throw new UsageError('--timeout must be a number of seconds, more than 0 and at most 3600');
  }
  return {
    sources: parsed.positionals.length > 0 ? parsed.positionals : [...KINDS],
    timeoutMs: seconds === undefined ? undefined : Math.round(seconds * 1000),
  };
}

function parse(args: string[]) {
  return parseArgs({ args, allowPositionals: true, strict: true, options: { timeout: { type: 'string' } } });
}
