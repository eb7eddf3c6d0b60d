import { setTimeout as delay } from 'node:timers/promises';

/** What a fault makes the emulator answer instead of the real result; queued per method and consumed in order. */
export type FailureFault =
  | { status: 429; retryAfter: number }
  | { status: 404 | 410 | 500 | 502 | 503 | 504; body?: string }
  | { error: string; extra?: Record<string, unknown> };

/** A slow Slack: after this long, the real result, or the failure `failWith` names. */
export interface DelayFault {
  delayMs: number;
  failWith?: FailureFault;
}

export type Fault = FailureFault | DelayFault;

/** Waits out a delay; returns the failure to answer with, if any. */
export async function failureAfterDelay(fault: Fault | undefined): Promise<FailureFault | undefined> {
  if (fault === undefined || !('delayMs' in fault)) return fault;
  await delay(fault.delayMs);
  return fault.failWith;
}

export class FaultQueue {
  private readonly queues = new Map<string, Fault[]>();

  add(key: string, faults: Fault[]): void {
    this.queues.set(key, [...(this.queues.get(key) ?? []), ...faults]);
  }

  take(key: string): Fault | undefined {
    return this.queues.get(key)?.shift();
  }

  pending(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }
}

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Renders a fault the way Slack's Web API does: 429 carries Retry-After, platform errors are HTTP 200 ok:false. */
export function webApiFaultResponse(fault: FailureFault): FaultResponse {
  if ('error' in fault) return { status: 200, headers: {}, body: { ok: false, error: fault.error, ...fault.extra } };
  if (fault.status === 429) {
    return {
      status: 429,
      headers: { 'retry-after': String(fault.retryAfter) },
      body: { ok: false, error: 'ratelimited' },
    };
  }
  return { status: fault.status, headers: {}, body: fault.body ?? `<html><body>${fault.status}</body></html>` };
}

/**
 * response_url failures are HTTP-level (Bolt's respond() only checks response.ok), so a named error becomes a 404
 * carrying that error, like an expired or overused response_url.
 */
export function responseUrlFaultResponse(fault: FailureFault): FaultResponse {
  if ('error' in fault) return { status: 404, headers: {}, body: { ok: false, error: fault.error } };
  return webApiFaultResponse(fault);
}
