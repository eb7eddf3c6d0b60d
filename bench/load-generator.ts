import { median, percentile } from './stats.js';

/**
 * A closed-loop load generator: `concurrency` workers, each sending its next request as soon as the
 * previous one is answered, like that many users who never pause. Transport-free (`send` does the
 * request) so that its bounds and bookkeeping are tested without a server.
 */

export interface LoadOptions {
  concurrency: number;
  /** At most this many requests in all... */
  requests: number;
  /** ...and none started after this long, so a slow or stuck app cannot keep the run going. */
  maxMs: number;
  /**
   * Sends request number `index` and resolves with why its response is wrong, or undefined when it
   * is the expected one. A rejection counts as a wrong response.
   */
  send: (index: number) => Promise<string | undefined>;
  now?: () => number;
}

export interface LoadResult {
  /** Requests answered (rightly or not). */
  completed: number;
  ok: number;
  errors: number;
  /** The first distinct reasons for wrong responses, to print. */
  errorSamples: string[];
  /** Latency of every right response, in the order they completed. */
  latenciesMs: number[];
  elapsedMs: number;
  stoppedBy: 'count' | 'time';
}

const MAX_ERROR_SAMPLES = 5;

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { concurrency, requests, maxMs, send } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`concurrency must be >= 1, got ${concurrency}`);
  if (!Number.isInteger(requests) || requests < 0) throw new Error(`requests must be >= 0, got ${requests}`);
  if (!(maxMs > 0)) throw new Error(`maxMs must be > 0, got ${maxMs}`);
  const now = options.now ?? (() => performance.now());
  const latenciesMs: number[] = [];
  const errorSamples: string[] = [];
  let next = 0;
  let errors = 0;
  let timedOut = false;
  const started = now();

  const worker = async (): Promise<void> => {
    while (next < requests) {
      if (now() - started >= maxMs) {
        timedOut = true;
        return;
      }
      const index = next++;
      const sent = now();
      let problem: string | undefined;
      try {
        problem = await send(index);
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      const ms = now() - sent;
      if (problem === undefined) {
        latenciesMs.push(ms);
      } else {
        errors++;
        if (errorSamples.length < MAX_ERROR_SAMPLES && !errorSamples.includes(problem)) errorSamples.push(problem);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(requests, 1)) }, worker));
  const elapsedMs = now() - started;
  return {
    completed: latenciesMs.length + errors,
    ok: latenciesMs.length,
    errors,
    errorSamples,
    latenciesMs,
    elapsedMs,
    stoppedBy: timedOut && next < requests ? 'time' : 'count',
  };
}

export interface LoadSummary {
  /** Right responses per second: wrong ones are reported, not counted as throughput. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export function summarizeLoad(result: LoadResult): LoadSummary {
  return {
    rps: result.elapsedMs > 0 ? (result.ok * 1000) / result.elapsedMs : Number.NaN,
    p50Ms: median(result.latenciesMs),
    p99Ms: percentile(result.latenciesMs, 99),
  };
}
