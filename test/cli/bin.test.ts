import { type ChildProcess, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';
import { firstCardsDataDir } from '../support/repo-dataset.js';

const BIN = path.join(REPO_ROOT, 'bin/breachbot.js');

let dataDir: string;
const temporary: string[] = [];
beforeAll(async () => {
  dataDir = await firstCardsDataDir();
  temporary.push(dataDir);
});
afterAll(async () => {
  for (const dir of temporary) await rm(dir, { recursive: true, force: true });
});

/** Only what the bin needs: a token or port from the shell running the tests must not change the mode. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, DATA_DIR: dataDir, LOG_LEVEL: 'error', ...extra };
}

function run(bin: string, args: string[], cwd = REPO_ROOT) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/breachbot.js', () => {
  it('runs the compiled build: `ask` answers from dist/', async () => {
    const { code, stdout, stderr } = await run(BIN, ['ask', 'helthec']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^HealthEC LLC, a business associate .*\.\n\nHealthEC LLC\n/);
  });

  it('imports only dist/, never the TypeScript sources', async () => {
    const source = await readFile(BIN, 'utf8');
    expect(source).toContain("'../dist/cli/main.js'");
    expect(source).not.toMatch(/tsx|\.ts'/);
  });

  it('says in one line how to build when there is no dist/, and exits 1', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'breachbot-nobuild-'));
    temporary.push(root);
    await mkdir(path.join(root, 'bin'));
    const copy = path.join(root, 'bin', 'breachbot.js');
    await copyFile(BIN, copy);
    const { code, stdout, stderr } = await run(copy, ['ask', 'helthec'], root);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('npm install');
    expect(stderr).toContain('npm run build');
  });
});

describe('`breachbot start` from dist/ with no Slack token', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('serves the playground page and the commands of manifest.yml, files that live outside dist/', async () => {
    const started = spawn(process.execPath, [BIN, 'start'], { cwd: REPO_ROOT, env: env({ PORT: '0' }) });
    child = started;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /open (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1] as string);
      };
      started.stdout.on('data', onData);
      started.stderr.on('data', onData);
      started.once('exit', (exitCode) => reject(new Error(`start exited (${exitCode}) before serving:\n${output}`)));
    });

    for (const asset of ['/', '/playground.css', '/playground.js']) {
      const response = await fetch(new URL(asset, url));
      expect(response.status, asset).toBe(200);
      expect((await response.text()).length, asset).toBeGreaterThan(0);
    }
    const workspace = (await (await fetch(new URL('/api/workspace', url))).json()) as {
      commands: { command: string }[];
    };
    expect(workspace.commands.map((command) => command.command)).toContain('/breach');

    const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
