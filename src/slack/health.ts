import type { ServerResponse } from 'node:http';
import type { CustomRoute, Logger } from '@slack/bolt';

export const HEALTH_PATH = '/health';
/** A healthcheck that waits longer than this on the store says "not ready" rather than hang itself. */
const STORE_CHECK_MS = 2_000;

/** What /health looks at, from the running bot. */
export interface HealthSources {
  storeKind: 'sqlite' | 'postgres';
  /** Resolves when the store answers a read. */
  checkStore(): Promise<unknown>;
  /** How many incidents the bot answers from now: a reload swaps the data. */
  incidents(): number;
}

/** Kinds, counts and yes or no: nothing a setting holds, so it may be served to anyone who asks. */
export interface HealthReport {
  ready: boolean;
  store: { kind: 'sqlite' | 'postgres'; ready: boolean };
  dataset: { incidents: number; ready: boolean };
}

async function storeAnswers(sources: HealthSources): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), STORE_CHECK_MS);
  });
  try {
    return await Promise.race([sources.checkStore().then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export async function healthReport(sources: HealthSources): Promise<HealthReport> {
  const incidents = sources.incidents();
  const store = { kind: sources.storeKind, ready: await storeAnswers(sources) };
  const dataset = { incidents, ready: incidents > 0 };
  return { ready: store.ready && dataset.ready, store, dataset };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * GET /health for a supervisor or a container healthcheck: 200 when the store answers and the data
 * holds incidents, 503 otherwise. A change either way is logged once, not on every poll.
 */
export function healthRoute(sources: HealthSources, logger: Logger): CustomRoute {
  let lastReady: boolean | undefined;
  return {
    path: HEALTH_PATH,
    method: ['GET'],
    handler: (_req, res) => {
      healthReport(sources).then(
        (report) => {
          if (report.ready !== lastReady && lastReady !== undefined) {
            const what = `store ${report.store.ready ? 'answers' : 'does not answer'}, ${report.dataset.incidents} incidents`;
            if (report.ready) logger.info(`health: ready again (${what})`);
            else logger.warn(`health: not ready (${what})`);
          }
          lastReady = report.ready;
          send(res, report.ready ? 200 : 503, report);
        },
        (error: unknown) => {
          logger.error('health: the check itself failed', error);
          send(res, 503, { ready: false });
        },
      );
    },
  };
}
