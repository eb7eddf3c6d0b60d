/**
 * Vitest's globalSetup: brings dist/ up to date before any test runs, once per `vitest run`. Tests
 * that spawn bin/breachbot.js run the compiled build, and must not pass against an older one.
 *
 * Unchanged sources cost a hash of src/ and no compile: every vitest run pays for this, also one
 * that spawns nothing. Changed sources cost an incremental compile.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, SRC_DIR } from './paths.js';

const DIST_DIR = path.join(REPO_ROOT, 'dist');
/**
 * Only this setup compiles incrementally: `npm run build` writes every file, so that the fix the bin
 * suggests for a broken dist/ always works (an incremental compile never rewrites a deleted output).
 */
const BUILD_INFO = path.join(DIST_DIR, '.tsbuildinfo');
/** The hash of the inputs dist/ was last compiled from by this setup. */
const STAMP = path.join(DIST_DIR, '.tests-built-from');
/** Two vitest runs at once in one checkout must not write the same files at the same time. */
const LOCK = path.join(REPO_ROOT, 'node_modules', '.cache', 'breachbot-build.lock');
const LOCK_STALE_MS = 5 * 60_000;
const require = createRequire(import.meta.url);
const TSC = require.resolve('typescript/bin/tsc');

/** Relative paths, directories included: callers keep the names they look for. */
async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

function isSource(file: string): boolean {
  return file.endsWith('.ts') && !file.endsWith('.d.ts');
}

function outputOf(source: string): string {
  return source.replace(/\.ts$/, '.js');
}

async function inputsHash(sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(String(require('typescript/package.json').version));
  for (const file of ['tsconfig.json', 'tsconfig.build.json']) hash.update(await readFile(path.join(REPO_ROOT, file)));
  for (const source of sources) {
    hash.update(`\0${source}\0`);
    hash.update(await readFile(path.join(SRC_DIR, source)));
  }
  return hash.digest('hex');
}

/** A module deleted from src/ would otherwise stay importable from dist/ and pass for the new code. */
async function removeOrphans(sources: readonly string[]): Promise<void> {
  if (!existsSync(DIST_DIR)) return;
  const expected = new Set(sources.map(outputOf));
  for (const file of await filesUnder(DIST_DIR)) {
    const output = file.replace(/\.map$/, '');
    if (output.endsWith('.js') && !expected.has(output)) await rm(path.join(DIST_DIR, file), { force: true });
  }
}

function compile(): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [TSC, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO],
      { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (code === -1) reject(error);
        else resolve({ code, output: `${stdout}${stderr}`.trim() });
      },
    );
  });
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = await stat(LOCK).then(
        (lock) => Date.now() - lock.mtimeMs,
        () => 0,
      );
      // A run killed in the middle of its build leaves the lock behind.
      if (since > LOCK_STALE_MS) await rm(LOCK, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/**
 * Whether dist/ is what this setup last compiled: anything else (`npm run build`, a deleted file) leaves
 * the incremental build info describing files that are no longer there.
 */
async function lastBuiltHere(sources: readonly string[]): Promise<boolean> {
  const stamped = await stat(STAMP).catch(() => undefined);
  if (!stamped) return false;
  for (const source of sources) {
    const output = await stat(path.join(DIST_DIR, outputOf(source))).catch(() => undefined);
    if (!output || output.mtimeMs > stamped.mtimeMs) return false;
  }
  return true;
}

export default async function buildOnce(): Promise<void> {
  await withLock(async () => {
    const sources = (await filesUnder(SRC_DIR)).filter(isSource);
    await removeOrphans(sources);
    const hash = await inputsHash(sources);
    const ours = await lastBuiltHere(sources);
    const [stampedHash, warning = ''] = (await readFile(STAMP, 'utf8').catch(() => '')).split('\n');
    if (ours && stampedHash === hash) {
      if (warning) console.warn(warning);
      return;
    }

    if (!ours) await rm(BUILD_INFO, { force: true });
    await rm(STAMP, { force: true });
    const started = performance.now();
    const { code, output } = await compile();
    // 2: type errors, every file emitted all the same. `npm run typecheck` is where type errors fail;
    // here the tests still run, as vitest runs the sources without checking their types either.
    if (code !== 0 && code !== 2) throw new Error(`building dist/ for the tests failed (tsc exit ${code}):\n${output}`);
    const errors = output.split('\n').filter((line) => line.includes('error TS')).length;
    const note =
      code === 2 ? `dist/ was built from sources with ${errors} type errors (npm run typecheck lists them)` : '';
    await writeFile(STAMP, `${hash}\n${note}`);
    console.log(`built dist/ for the tests in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    if (note) console.warn(note);
  });
}
