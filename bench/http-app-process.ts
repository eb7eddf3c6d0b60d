/**
 * The process one app under test runs in, started by bench/http-bench.ts (not by hand). Each app has
 * its own process so that the load generator never shares its event loop, and so that
 * BENCH_HTTP_CPU_PROF=<dir> profiles each app on its own.
 *
 * Over the IPC channel the parent sends one `AppStart`; this process answers `AppReady` (or
 * `AppFailed`) and serves until the channel closes, then stops and exits. Meanwhile it answers each
 * `CpuUsageRequest` with its CPU time so far.
 */
import { startBenchApp } from './http-apps.js';
import type { AppFailed, AppReady, AppStart, CpuUsageReply, CpuUsageRequest } from './http-protocol.js';

if (!process.send) {
  console.error('bench/http-app-process.ts is started by bench/http-bench.ts (npm run bench -- --http-only)');
  process.exit(2);
}

let stopApp: (() => Promise<void>) | undefined;

// The channel closes when the parent is done or has died: either way nothing will send requests.
process.once('disconnect', () => {
  // The parent has closed its connections already; a stop that still hangs must not keep the process.
  setTimeout(() => process.exit(0), 2_000).unref();
  (stopApp ?? (async () => {}))().then(
    () => process.exit(),
    () => process.exit(1),
  );
});

function reply(message: AppReady | AppFailed | CpuUsageReply): void {
  process.send?.(message);
}

process.once('message', (message: AppStart) => {
  startBenchApp(message).then(
    ({ ready, stop }) => {
      stopApp = stop;
      process.on('message', (request: CpuUsageRequest) => {
        if (request.type !== 'cpu-usage') return;
        const { user, system } = process.cpuUsage();
        reply({ type: 'cpu-usage', userMicros: user, systemMicros: system });
      });
      reply(ready);
    },
    (error: unknown) => {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
});
