/**
 * The apps the HTTP benchmark compares, and the messages between bench/http-bench.ts and the process
 * each app runs in. Apart from bench/http-apps.ts so that the load generator's process never loads
 * the app's code.
 */

export const HTTP_APPS = ['breachbot', 'bare-bolt'] as const;
export type HttpAppName = (typeof HTTP_APPS)[number];

/** What the bare app acks with: the least a `/breach` handler can do. */
export const BARE_REPLY = { response_type: 'ephemeral', text: 'ok' } as const;

export interface AppStart {
  type: 'start';
  app: HttpAppName;
  signingSecret: string;
  /** The HHS OCR CSV imported into breachbot's temporary DATA_DIR. */
  hhsCsv: string;
}

export interface AppReady {
  type: 'ready';
  port: number;
  /** breachbot only: what it answers from. */
  dataset?: { records: number; curated: number; imported: number; coveredByCurated: number; setupMs: number };
}

/** Asked of a ready app before and after each round, so the bench can say what a request cost the app's process. */
export interface CpuUsageRequest {
  type: 'cpu-usage';
}

/** `process.cpuUsage()` of the app's process: user and system CPU time since it started. */
export interface CpuUsageReply {
  type: 'cpu-usage';
  userMicros: number;
  systemMicros: number;
}

export interface AppFailed {
  type: 'failed';
  message: string;
}
