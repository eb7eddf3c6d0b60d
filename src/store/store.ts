/**
 * What breachbot keeps between runs: digest subscriptions, the vendor watchlist, digest deliveries
 * and scheduler locks. Two implementations (SQLite, PostgreSQL) pass the same contract tests
 * (test/store/store-contract.ts); `openStore` picks one from DATABASE_URL.
 *
 * Times are epoch milliseconds, always passed in by the caller, so that tests drive a fake clock and
 * several instances agree on nothing but the database. The records themselves are the digest's
 * (src/digest/records.ts): the store keeps them, it does not define them.
 */
import type { Delivery, PersonalWatch, Subscription, WatchedVendor } from '../digest/records.js';
import type { DataType } from '../incidents/data-types.js';
import type { QuizAnswer, QuizRecord, RecordAnswerResult, TrainingPick } from '../training/records.js';

export interface ClaimRequest {
  channelId: string;
  periodKey: string;
  instanceId: string;
  now: number;
  leaseMs: number;
}

export type ClaimResult =
  /** This instance holds the lease now; `recovering` when an earlier claimer's lease expired mid-send. */
  | { claimed: true; recovering: boolean; delivery: Delivery }
  /** Someone else holds it, or it is already final (`sent` or `failed`). */
  | { claimed: false; delivery: Delivery };

export interface DeliveryOutcome {
  channelId: string;
  periodKey: string;
  /** Only the lease holder may finish a delivery: a finish by anyone else changes nothing and returns false. */
  instanceId: string;
  now: number;
}

/** What `publishSourceList` and `publishSyncStatus` keep of one official list; see `source_lists` in migrations.ts. */
export interface SharedSourceRevision {
  source: string;
  /** Grows by one on every publish of the list or of its status. */
  revision: number;
  /** Of the collection's JSON (before compression); null while only a status was published. */
  sha256: string | null;
  /** The sync status's JSON, as published: small, so it comes with every poll. */
  syncStatus: string | null;
  publishedAt: number;
}

export interface SharedSourceList extends SharedSourceRevision {
  /** The collection as published: gzip + base64 of its JSON (src/sources/shared-lists.ts). */
  collection: string | null;
  publishedBy: string;
}

export interface Store {
  /** `sqlite` or `postgres`, for logs and status. */
  readonly kind: 'sqlite' | 'postgres';

  /** Adds the channel; false when it was subscribed already (the original subscription is kept). */
  subscribe(channelId: string, userId: string, now: number): Promise<boolean>;
  /** False when it was not subscribed. */
  unsubscribe(channelId: string): Promise<boolean>;
  subscription(channelId: string): Promise<Subscription | undefined>;
  /** Oldest first. */
  subscriptions(): Promise<Subscription[]>;

  /** False when a vendor of that name (any case) is already watched. */
  addVendor(name: string, userId: string, now: number): Promise<boolean>;
  /** Removes by name, any case; false when it was not watched. */
  removeVendor(name: string): Promise<boolean>;
  /** Sorted by name, case-insensitively. */
  watchlist(): Promise<WatchedVendor[]>;

  /** One person's own watch. False when that person already watches the name (any case). */
  addPersonalWatch(userId: string, name: string, now: number): Promise<boolean>;
  /** False when that person did not watch it. Nobody's list but `userId`'s is touched. */
  removePersonalWatch(userId: string, name: string): Promise<boolean>;
  /** Removes all of one person's watches; how many there were. */
  clearPersonalWatches(userId: string): Promise<number>;
  /** One person's watches, sorted by name case-insensitively. */
  personalWatches(userId: string): Promise<PersonalWatch[]>;
  /** Everyone's, for matching new filings; sorted by person, then name. */
  allPersonalWatches(): Promise<PersonalWatch[]>;

  /** Replaces the shared copy of one list's collection; returns the new revision. */
  publishSourceList(list: {
    source: string;
    sha256: string;
    collection: string;
    publishedBy: string;
    now: number;
  }): Promise<number>;
  /** Replaces the shared sync status of one list (its collection stays); returns the new revision. */
  publishSyncStatus(status: { source: string; syncStatus: string; publishedBy: string; now: number }): Promise<number>;
  /** Every list's revision, without the (large) collections: what an instance polls. */
  sourceListRevisions(): Promise<SharedSourceRevision[]>;
  sourceList(source: string): Promise<SharedSourceList | undefined>;

  /**
   * Atomically takes the delivery of one channel's digest for one period: creates it as `sending`,
   * or takes back a `retry` row or a `sending` row whose lease has expired. Exactly one of several
   * concurrent claimers (any instances sharing the database) gets `claimed: true`.
   */
  claimDelivery(request: ClaimRequest): Promise<ClaimResult>;
  markSent(outcome: DeliveryOutcome & { messageTs: string }): Promise<boolean>;
  /** `permanent` makes it `failed` (final), otherwise `retry`; releases the lease either way. */
  markFailed(outcome: DeliveryOutcome & { error: string; permanent: boolean }): Promise<boolean>;
  delivery(channelId: string, periodKey: string): Promise<Delivery | undefined>;
  /**
   * The newest delivery row for the channel, whatever its state. Without `keyPrefix`, digests only
   * (keys without a `:`; alerts and training posts are not digests); with it, only keys that start with it.
   */
  lastDelivery(channelId: string, keyPrefix?: string): Promise<Delivery | undefined>;

  /** The weekly training post's channels, as `subscribe` and friends keep the digest's. */
  subscribeTraining(channelId: string, userId: string, now: number): Promise<boolean>;
  unsubscribeTraining(channelId: string): Promise<boolean>;
  trainingSubscription(channelId: string): Promise<Subscription | undefined>;
  /** Oldest first. */
  trainingSubscriptions(): Promise<Subscription[]>;

  /** Keeps a posted quiz; false (and nothing changed) when `quizId` exists already. */
  createQuiz(record: QuizRecord): Promise<boolean>;
  quiz(quizId: string): Promise<QuizRecord | undefined>;
  /**
   * Records a person's first answer to a question, atomically: a second answer (another click, another
   * instance) records nothing and returns the first.
   */
  recordQuizAnswer(answer: QuizAnswer): Promise<RecordAnswerResult>;
  /** Every answer to a quiz, by question, then oldest first. */
  quizAnswers(quizId: string): Promise<QuizAnswer[]>;

  /**
   * The incident of a period's training post: records `pick` when the period has none yet and returns
   * the period's pick, whoever made it, so that every instance posts the same incident.
   */
  claimTrainingPick(pick: TrainingPick): Promise<TrainingPick>;
  /** Picks made at or after `since`, newest first. */
  trainingPicks(since: number): Promise<TrainingPick[]>;

  /** Counts that people asked about these kinds of data today (`day`: YYYY-MM-DD); no one's name is kept. */
  noteAskedDataTypes(dataTypes: readonly DataType[], day: string): Promise<void>;
  /** How often each kind of data was asked about on `sinceDay` (YYYY-MM-DD) or later. */
  askedDataTypes(sinceDay: string): Promise<Partial<Record<DataType, number>>>;

  /**
   * A named lock with a time to live, for node-cron's RunCoordinator: true when `owner` now holds
   * `key` (it was free, expired, or already `owner`'s, in which case the expiry is extended).
   */
  acquireLock(key: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLock(key: string, owner: string): Promise<void>;

  /**
   * Records that a request (an event id, a signed interactive request, a click) was handled: true for
   * the first claim of `key` until `ttlMs` after it, false for any repeat in that time, whichever
   * instance or process makes it. One atomic statement, like `claimDelivery`.
   */
  claimRequest(key: string, now: number, ttlMs: number): Promise<boolean>;

  close(): Promise<void>;
}

/**
 * The store cannot keep what it is asked to: its SQLite file vanished or became read-only, or another
 * process held the database's write lock past the wait. `message` is meant for people.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
