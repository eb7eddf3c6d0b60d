import { DigestRunner, type DigestRunnerDeps } from '../../src/delivery/digest-runner.js';
import { DigestSchedule } from '../../src/digest/digest-schedule.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A digest runner on the default schedule (Mondays 09:00 UTC), quiet and named `test` unless told. */
export function mondayDigestRunner(
  deps: Omit<DigestRunnerDeps, 'schedule' | 'instanceId' | 'logger'> &
    Partial<Pick<DigestRunnerDeps, 'instanceId' | 'logger'>>,
): DigestRunner {
  return new DigestRunner({
    schedule: new DigestSchedule('0 9 * * 1', 'UTC'),
    instanceId: 'test',
    logger: quiet,
    ...deps,
  });
}
