import { Readable, Writable } from 'node:stream';
import type { CliContext } from '../../src/cli/command.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export interface CapturedContext extends CliContext {
  stdout: Capture;
  stderr: Capture;
}

/** A CLI context writing to strings, with the given environment and optional standard input. */
export function captureContext(env: NodeJS.ProcessEnv, cwd: string, input?: string): CapturedContext {
  return {
    stdout: new Capture(),
    stderr: new Capture(),
    env,
    cwd,
    stdin: input === undefined ? undefined : Readable.from([input]),
  };
}
