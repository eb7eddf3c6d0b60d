import { EventEmitter } from 'node:events';
import { type Logger, LogLevel } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { watchProcessErrors } from '../../src/slack/process-errors.js';

function fakeProcess() {
  const emitter = new EventEmitter() as EventEmitter & { exit(code: number): void; exits: number[] };
  emitter.exits = [];
  emitter.exit = (code: number) => {
    emitter.exits.push(code);
  };
  return emitter;
}

function keepingLogger(lines: string[]): Logger {
  const keep = (...messages: unknown[]) => {
    lines.push(messages.map((message) => (message instanceof Error ? message.stack : String(message))).join(' '));
  };
  return {
    debug: keep,
    info: keep,
    warn: keep,
    error: keep,
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}

describe('errors nothing caught, in the running bot', () => {
  it('logs an unhandled rejection with its stack and keeps running', () => {
    const proc = fakeProcess();
    const lines: string[] = [];
    const stop = watchProcessErrors(keepingLogger(lines), proc);
    proc.emit('unhandledRejection', new Error('nobody awaited me'));
    expect(proc.exits).toEqual([]);
    expect(lines.join('\n')).toMatch(/keeps running[\s\S]*nobody awaited me[\s\S]*process-errors\.test\.ts/);
    stop();
    expect(proc.listenerCount('unhandledRejection')).toBe(0);
    expect(proc.listenerCount('uncaughtException')).toBe(0);
  });

  it('logs an uncaught exception and exits with 1 for the supervisor, instead of going on in an unknown state', () => {
    const proc = fakeProcess();
    const lines: string[] = [];
    watchProcessErrors(keepingLogger(lines), proc);
    proc.emit('uncaughtException', new TypeError('half done'));
    expect(proc.exits).toEqual([1]);
    expect(lines.join('\n')).toContain('half done');
  });
});
