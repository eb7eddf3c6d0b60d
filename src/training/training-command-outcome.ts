import type { ProtectiveSteps } from '../answer/types.js';
import type { DigestStatus, SubscriptionOutcome } from '../digest/digest-command-outcome.js';
import type { DigestPeriod } from '../digest/digest-period.js';
import type { Incident } from '../incidents/model.js';
import type { TrainingReason } from './pick-training-incident.js';
import type { Quiz } from './quiz.js';
import type { QuizRecord } from './records.js';

/** The incident of one period's training post, with its quiz and why it was chosen. */
export interface PlannedTraining {
  incident: Incident;
  quiz: Quiz;
  reason: TrainingReason;
  /** Recorded for the period already (a run picked it), rather than what a run would pick now. */
  claimed: boolean;
}

/** What one fire of the training schedule posts, or would post. */
export interface TrainingPlan {
  period: DigestPeriod;
  /** Undefined when no incident qualifies: nothing is posted for the period. */
  planned: PlannedTraining | undefined;
}

/** As the digest's status, `lastDelivery` being the channel's newest training delivery. */
export interface TrainingStatus extends Omit<DigestStatus, 'failing'> {
  /** The next run's period and incident; undefined when the schedule does not fire within a month. */
  coming: TrainingPlan | undefined;
}

/** The next post as it stands, for one person: nothing of it is recorded. */
export interface TrainingPreview {
  sendsAt: Date | undefined;
  timeZone: string;
  period: DigestPeriod;
  /** Undefined when no incident qualifies. */
  post:
    | {
        incident: Incident;
        reason: TrainingReason;
        steps: ProtectiveSteps;
        /** The quiz as the channel would get it; not in the store. */
        record: QuizRecord;
        claimed: boolean;
      }
    | undefined;
}

/**
 * What `/breach training …` did, as data: the services decide it, a view words it, as
 * `DigestCommandOutcome` does for the digest.
 */
export type TrainingCommandOutcome =
  | SubscriptionOutcome
  | { kind: 'usage'; topic: 'training'; problem: string }
  | { kind: 'status'; status: TrainingStatus }
  | { kind: 'preview'; preview: TrainingPreview };
