import type { BreachService } from '../answer/breach-service.js';
import type { AskedTopics } from '../services/asked-topics.js';
import type { DigestServices } from '../services/digest-commands.js';
import type { QuizService } from '../services/quizzes.js';
import type { SourceStatus } from '../services/source-status.js';
import type { TrainingServices } from '../services/training-commands.js';
import type { EventDeduper } from './event-deduper.js';

/** What the listeners need; injected, so tests build the app over any data. */
export interface ListenerDeps {
  service: BreachService;
  deduper: EventDeduper;
  /** Absent in apps built without a store (some tests and the HTTP benchmark): digest commands say so. */
  digest?: DigestServices;
  /** Counts the kinds of data people ask about, for the weekly training post; absent: nothing is counted. */
  askedTopics?: AskedTopics;
  /** The weekly training post's subscriptions; absent in apps built without a store: `training` says so. */
  training?: TrainingServices;
  /** Quizzes on incidents; absent in apps built without a store: quiz buttons and commands say so. */
  quizzes?: QuizService;
  /** The official lists' state, for `/breach sources` and the admins' Home tab; absent: `sources` says so. */
  sources?: SourceStatus;
  /**
   * How long a view submission may wait on Slack before it must ack (Slack allows 3 s); past it
   * the share modal closes and the outcome goes to the person's DM. Tests shorten it.
   */
  viewAckDeadlineMs?: number;
}
