/**
 * A real, throwaway PostgreSQL server for tests: its own data directory and socket directory in a fresh
 * temporary directory, listening on 127.0.0.1 at a free port, gone (process and directory) when
 * stopped. Debian's `postgresql` package provides the binaries (the newest /usr/lib/postgresql/<v>/bin).
 *
 * In a test file, one server for the file, a fresh database per test or per suite:
 *
 *   describePostgres('the digest on PostgreSQL', (postgres) => {
 *     it('…', async () => {
 *       const store = await openStore(await postgres().createDatabase());
 *     });
 *   });
 *
 * Without the binaries the suite is skipped with a note saying what to install, except on CI
 * (`CI` set and not "false" or "0"), where it fails: CI must never pass without having run it.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { freePort } from './free-port.js';

export interface PostgresServer {
  /** The server's `postgres` database, as its superuser `postgres` (trust authentication, no password). */
  readonly url: string;
  readonly port: number;
  /** Creates a new, empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

const DEBIAN_ROOT = '/usr/lib/postgresql';
const READY_LINE = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** The newest Debian PostgreSQL bin directory that has both initdb and postgres, if any. */
export function findPostgresBinDir(): string | undefined {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  return readdirSync(DEBIAN_ROOT)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    .map((version) => path.join(DEBIAN_ROOT, version, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'postgres')));
}

const MISSING = `no PostgreSQL server binaries in ${DEBIAN_ROOT}/<version>/bin`;

/** CI services set CI=true; a developer may have CI=false or CI=0 lying around. */
function onCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** Registers a suite that gets one server for the file; see the top of this file. */
export function describePostgres(name: string, body: (server: () => PostgresServer) => void): void {
  if (!findPostgresBinDir()) {
    if (onCi()) {
      describe(name, () => {
        it('has a PostgreSQL server to test against', () => {
          throw new Error(`${MISSING}: CI must run the PostgreSQL tests; install Debian's postgresql package.`);
        });
      });
    } else {
      const note = `${MISSING}; skipped. To run them: apt-get install postgresql`;
      console.warn(`${name}: ${note}`);
      describe.skip(`${name} (${note})`, () => {
        it('needs PostgreSQL', () => {});
      });
    }
    return;
  }
  describe(name, () => {
    let server: PostgresServer | undefined;
    beforeAll(async () => {
      server = await startPostgres();
    });
    afterAll(async () => {
      await server?.stop();
    });
    body(() => {
      if (!server) throw new Error('The PostgreSQL server did not start (see the error in beforeAll).');
      return server;
    });
  });
}

/** Starts a server; the caller must `stop()` it (describePostgres does, in afterAll). */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBinDir();
  if (!bin) throw new Error(`${MISSING}: apt-get install postgresql`);
  const root = await mkdtemp(path.join(os.tmpdir(), 'breachbot-pg-'));
  try {
    const runAs = await serverUser(root);
    const dataDir = path.join(root, 'data');
    const socketDir = path.join(root, 'socket');
    await mkdir(socketDir);
    await runAs.chown(socketDir);
    await runToCompletion(
      'initdb',
      runAs.command(path.join(bin, 'initdb'), [
        `--pgdata=${dataDir}`,
        '--username=postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-locale',
        '--no-sync',
      ]),
    );
    const { child, port } = await launch(bin, dataDir, socketDir, runAs);
    return serverHandle(child, port, root);
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

interface ServerUser {
  /** The command line that runs `file` as the server's user, ending with the parent. */
  command(file: string, args: string[]): [string, string[]];
  chown(file: string): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root, and the tests run as root on CI: then the server runs as the
 * `postgres` system user, which owns the temporary directory. setpriv (util-linux) also sets a
 * parent-death signal, so a test process killed outright takes its server with it.
 */
async function serverUser(root: string): Promise<ServerUser> {
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((file) => existsSync(file));
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    return {
      command: (file, args) => (setpriv ? [setpriv, ['--pdeathsig', 'INT', '--', file, ...args]] : [file, args]),
      chown: async () => {},
    };
  }
  if (!setpriv) throw new Error('Running as root: setpriv (util-linux) is needed to run PostgreSQL as postgres.');
  const account = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === 'postgres');
  if (!account) throw new Error('Running as root, and there is no postgres user to run PostgreSQL as.');
  const uid = Number(account[2]);
  const gid = Number(account[3]);
  await chown(root, uid, gid);
  return {
    command: (file, args) => [
      setpriv,
      [`--reuid=${uid}`, `--regid=${gid}`, '--init-groups', '--pdeathsig', 'INT', '--', file, ...args],
    ],
    chown: (file) => chown(file, uid, gid),
  };
}

function serverEnv(): NodeJS.ProcessEnv {
  // A developer's PGDATA, PGPORT or PGHOST must not point initdb or the server elsewhere.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
  return { ...env, LC_ALL: 'C' };
}

function runToCompletion(label: string, [file, args]: [string, string[]]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env: serverEnv() }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${label} failed: ${error.message}\n${stderr}`));
      else resolve();
    });
  });
}

async function launch(
  bin: string,
  dataDir: string,
  socketDir: string,
  runAs: ServerUser,
): Promise<{ child: ChildProcess; port: number }> {
  // The free port is found, then released for the server: another process may take it in between, so
  // a failed bind is tried again on another port.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const [file, args] = runAs.command(path.join(bin, 'postgres'), [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `unix_socket_directories=${socketDir}`,
      // Throwaway data: durability is not worth the time.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'lc_messages=C',
    ]);
    const child = spawn(file, args, { env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      await untilReady(child);
      return { child, port };
    } catch (error) {
      lastError = error as Error;
      if (!/could not bind|address already in use/i.test(lastError.message)) throw lastError;
    }
  }
  throw lastError ?? new Error('PostgreSQL did not start.');
}

function untilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const settle = () => {
      clearTimeout(timer);
      child.stderr?.removeListener('data', onLog);
      child.removeListener('error', onError);
      child.removeListener('exit', onExit);
      // Keep draining the log, or the server would block once the pipe is full.
      child.stderr?.resume();
    };
    const fail = (why: string) => {
      settle();
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL did not start: ${why}\n${log.slice(-4000)}`));
    };
    const onLog = (chunk: string) => {
      log = (log + chunk).slice(-20_000);
      if (log.includes(READY_LINE)) {
        settle();
        resolve();
      }
    };
    const onError = (error: Error) => fail(error.message);
    const onExit = (code: number | null, signal: string | null) => fail(`it exited (${signal ?? `code ${code}`})`);
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', onLog);
    child.once('error', onError);
    child.once('exit', onExit);
  });
}

function serverHandle(child: ChildProcess, port: number, root: string): PostgresServer {
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  // Last resort when the test process exits without afterAll having run (an uncaught error).
  const onExit = () => {
    child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let databases = 0;
  let stopping: Promise<void> | undefined;

  return {
    url,
    port,
    async createDatabase() {
      databases += 1;
      const name = `test_${databases}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      stopping ??= (async () => {
        process.removeListener('exit', onExit);
        // SIGINT is PostgreSQL's fast shutdown: it ends open sessions (a test's leaked pool) and exits.
        child.kill('SIGINT');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(killer);
        await rm(root, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
