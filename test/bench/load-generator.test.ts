import { describe, expect, it } from 'vitest';
import { type LoadResult, runLoad, summarizeLoad } from '../../bench/load-generator.js';

/** Resolves on a later turn, like a response would. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runLoad', () => {
  it('sends exactly the requests asked for, never more than `concurrency` at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    const result = await runLoad({
      concurrency: 4,
      requests: 50,
      maxMs: 60_000,
      send: async (index) => {
        seen.push(index);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await tick();
        inFlight--;
        return undefined;
      },
    });
    expect(result).toMatchObject({ completed: 50, ok: 50, errors: 0, stoppedBy: 'count' });
    expect(result.latenciesMs).toHaveLength(50);
    expect(peak).toBe(4);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('starts no request after maxMs, however many were asked for', async () => {
    let clock = 0;
    const result = await runLoad({
      concurrency: 1,
      requests: 1_000_000,
      maxMs: 100,
      now: () => clock,
      send: async () => {
        clock += 10;
        return undefined;
      },
    });
    expect(result.completed).toBe(10);
    expect(result.stoppedBy).toBe('time');
    expect(result.elapsedMs).toBe(100);
  });

  it('counts wrong answers and failures as errors, with a few distinct reasons, and times only right ones', async () => {
    let clock = 0;
    const result = await runLoad({
      concurrency: 2,
      requests: 30,
      maxMs: 60_000,
      now: () => clock,
      send: async (index) => {
        clock += index % 3 === 0 ? 1 : 5;
        await tick();
        if (index % 3 === 1) return `status ${500 + (index % 9)}`;
        if (index % 3 === 2) throw new Error('socket hang up');
        return undefined;
      },
    });
    expect(result.completed).toBe(30);
    expect(result.ok).toBe(10);
    expect(result.errors).toBe(20);
    expect(result.latenciesMs).toHaveLength(10);
    expect([...result.errorSamples].sort()).toEqual(['socket hang up', 'status 501', 'status 504', 'status 507']);
  });

  it('keeps at most five reasons to print', async () => {
    const result = await runLoad({
      concurrency: 3,
      requests: 40,
      maxMs: 60_000,
      send: async (index) => `reason ${index}`,
    });
    expect(result.errors).toBe(40);
    expect(result.errorSamples).toHaveLength(5);
  });

  it('refuses bounds that would never stop or never start', async () => {
    const send = async () => undefined;
    await expect(runLoad({ concurrency: 0, requests: 10, maxMs: 100, send })).rejects.toThrow(/concurrency/);
    await expect(runLoad({ concurrency: 1, requests: 1.5, maxMs: 100, send })).rejects.toThrow(/requests/);
    await expect(runLoad({ concurrency: 1, requests: 10, maxMs: Number.NaN, send })).rejects.toThrow(/maxMs/);
    expect((await runLoad({ concurrency: 8, requests: 0, maxMs: 100, send })).completed).toBe(0);
  });
});

describe('summarizeLoad', () => {
  it('gives right answers per second and nearest-rank percentiles of their latencies', () => {
    const result: LoadResult = {
      completed: 101,
      ok: 100,
      errors: 1,
      errorSamples: ['status 401'],
      latenciesMs: Array.from({ length: 100 }, (_, i) => 100 - i),
      elapsedMs: 2_000,
      stoppedBy: 'count',
    };
    expect(summarizeLoad(result)).toEqual({ rps: 50, p50Ms: 50.5, p99Ms: 99 });
  });
});
