import type { Delivery, DeliveryState, PersonalWatch, Subscription, WatchedVendor } from '../digest/records.js';
import { DATA_TYPES, type DataType } from '../incidents/data-types.js';
import { type Quiz, quizSchema } from '../training/quiz.js';
import type { QuizAnswer, QuizRecord, RecordAnswerResult, TrainingPick } from '../training/records.js';
import type {
  ClaimRequest,
  ClaimResult,
  DeliveryOutcome,
  SharedSourceList,
  SharedSourceRevision,
  Store,
} from './store.js';
import { compareVendorNames, vendorName, vendorNameKey } from './vendor-name.js';

/**
 * The Store's rules, written once in SQL that SQLite and PostgreSQL both run as is; sqlite-store.ts and
 * postgres-store.ts only open the database and run statements. Every write that decides something is
 * a single conditional statement, so the database, not this process, arbitrates between instances.
 */

export type SqlValue = string | number | null;
export type Row = Record<string, unknown>;

/** One database connection (or pool), as the Store needs it. */
export interface SqlDriver {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs one statement whose parameters are written `@name`; returns its rows (a write's RETURNING rows). */
  query(sql: string, params: Record<string, SqlValue>): Promise<Row[]>;
  close(): Promise<void>;
}

const DELIVERY_COLUMNS =
  'channel_id, period_key, state, claimed_by, claimed_from, lease_until, attempts, message_ts, error, updated_at';
const QUIZ_ANSWER_COLUMNS = 'quiz_id, question_index, user_id, choice, correct, answered_at';

// A lease or lock is held up to and including its `until` instant, and expired once `now` is past it.
const SQL = {
  subscribe: `
    INSERT INTO subscriptions (channel_id, subscribed_by, subscribed_at) VALUES (@channelId, @userId, @now)
    ON CONFLICT (channel_id) DO NOTHING
    RETURNING channel_id`,
  unsubscribe: 'DELETE FROM subscriptions WHERE channel_id = @channelId RETURNING channel_id',
  subscription: 'SELECT channel_id, subscribed_by, subscribed_at FROM subscriptions WHERE channel_id = @channelId',
  subscriptions:
    'SELECT channel_id, subscribed_by, subscribed_at FROM subscriptions ORDER BY subscribed_at, channel_id',

  addVendor: `
    INSERT INTO watchlist (name_key, name, added_by, added_at) VALUES (@nameKey, @name, @userId, @now)
    ON CONFLICT (name_key) DO NOTHING
    RETURNING name_key`,
  removeVendor: 'DELETE FROM watchlist WHERE name_key = @nameKey RETURNING name_key',
  watchlist: 'SELECT name, added_by, added_at FROM watchlist',

  // Creates the row, or takes back a `retry` row or a `sending` row whose lease has run out; the
  // WHERE leaves any other row untouched and returns nothing. claimed_from keeps the state it was
  // taken from, which is how the caller learns that it is recovering an interrupted send.
  claimDelivery: `
    INSERT INTO deliveries (
      channel_id, period_key, state, claimed_by, claimed_from, lease_until, attempts, message_ts, error,
      created_at, updated_at
    )
    VALUES (@channelId, @periodKey, 'sending', @instanceId, NULL, @leaseUntil, 1, NULL, NULL, @now, @now)
    ON CONFLICT (channel_id, period_key) DO UPDATE SET
      state = 'sending',
      claimed_by = excluded.claimed_by,
      claimed_from = deliveries.state,
      lease_until = excluded.lease_until,
      attempts = deliveries.attempts + 1,
      updated_at = excluded.updated_at
    WHERE deliveries.state = 'retry' OR (deliveries.state = 'sending' AND deliveries.lease_until < @now)
    RETURNING ${DELIVERY_COLUMNS}`,
  // The holder is whoever claimed the row last while it is `sending`: a holder whose lease ran out may
  // still finish as long as nobody took the row over, since its post went out either way.
  markSent: `
    UPDATE deliveries SET state = 'sent', message_ts = @messageTs, error = NULL, lease_until = @now, updated_at = @now
    WHERE channel_id = @channelId AND period_key = @periodKey AND state = 'sending' AND claimed_by = @instanceId
    RETURNING channel_id`,
  markFailed: `
    UPDATE deliveries SET state = @state, error = @error, lease_until = @now, updated_at = @now
    WHERE channel_id = @channelId AND period_key = @periodKey AND state = 'sending' AND claimed_by = @instanceId
    RETURNING channel_id`,
  delivery: `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE channel_id = @channelId AND period_key = @periodKey`,
  // Newest by first claim: a later retry of an older period does not make it the channel's latest digest.
  // Digest keys are the only ones without a ':' (alerts are `alert:…`, training posts `training:…`).
  lastDigestDelivery: `
    SELECT ${DELIVERY_COLUMNS} FROM deliveries
    WHERE channel_id = @channelId AND period_key NOT LIKE '%:%'
    ORDER BY created_at DESC, period_key DESC
    LIMIT 1`,
  // The prefix is compared with substr rather than LIKE, where '_' and '%' would be wildcards and the
  // two databases escape them differently.
  lastDeliveryWithPrefix: `
    SELECT ${DELIVERY_COLUMNS} FROM deliveries
    WHERE channel_id = @channelId AND substr(period_key, 1, @prefixLength) = @prefix
    ORDER BY created_at DESC, period_key DESC
    LIMIT 1`,

  subscribeTraining: `
    INSERT INTO training_subscriptions (channel_id, subscribed_by, subscribed_at) VALUES (@channelId, @userId, @now)
    ON CONFLICT (channel_id) DO NOTHING
    RETURNING channel_id`,
  unsubscribeTraining: 'DELETE FROM training_subscriptions WHERE channel_id = @channelId RETURNING channel_id',
  trainingSubscription:
    'SELECT channel_id, subscribed_by, subscribed_at FROM training_subscriptions WHERE channel_id = @channelId',
  trainingSubscriptions:
    'SELECT channel_id, subscribed_by, subscribed_at FROM training_subscriptions ORDER BY subscribed_at, channel_id',

  createQuiz: `
    INSERT INTO quizzes (quiz_id, incident_id, channel_id, posted_by, created_at, questions)
    VALUES (@quizId, @incidentId, @channelId, @postedBy, @createdAt, @questions)
    ON CONFLICT (quiz_id) DO NOTHING
    RETURNING quiz_id`,
  quiz: 'SELECT quiz_id, incident_id, channel_id, posted_by, created_at, questions FROM quizzes WHERE quiz_id = @quizId',
  // The primary key arbitrates: of several first answers racing, one inserts and the others wait for it
  // to commit, then insert nothing.
  recordQuizAnswer: `
    INSERT INTO quiz_answers (quiz_id, question_index, user_id, choice, correct, answered_at)
    VALUES (@quizId, @questionIndex, @userId, @choice, @correct, @answeredAt)
    ON CONFLICT (quiz_id, question_index, user_id) DO NOTHING
    RETURNING quiz_id`,
  quizAnswer: `
    SELECT ${QUIZ_ANSWER_COLUMNS} FROM quiz_answers
    WHERE quiz_id = @quizId AND question_index = @questionIndex AND user_id = @userId`,
  quizAnswers: `
    SELECT ${QUIZ_ANSWER_COLUMNS} FROM quiz_answers WHERE quiz_id = @quizId
    ORDER BY question_index, answered_at, user_id`,

  claimTrainingPick: `
    INSERT INTO training_picks (period_key, incident_id, picked_at) VALUES (@periodKey, @incidentId, @pickedAt)
    ON CONFLICT (period_key) DO NOTHING
    RETURNING period_key, incident_id, picked_at`,
  trainingPick: 'SELECT period_key, incident_id, picked_at FROM training_picks WHERE period_key = @periodKey',
  trainingPicks: `
    SELECT period_key, incident_id, picked_at FROM training_picks WHERE picked_at >= @since
    ORDER BY picked_at DESC, period_key DESC`,

  askedDataTypes: `
    SELECT data_type, SUM(asks) AS asks FROM asked_data_types WHERE day >= @sinceDay
    GROUP BY data_type`,

  addPersonalWatch: `
    INSERT INTO personal_watches (user_id, name_key, name, added_at) VALUES (@userId, @nameKey, @name, @now)
    ON CONFLICT (user_id, name_key) DO NOTHING
    RETURNING name_key`,
  removePersonalWatch:
    'DELETE FROM personal_watches WHERE user_id = @userId AND name_key = @nameKey RETURNING name_key',
  clearPersonalWatches: 'DELETE FROM personal_watches WHERE user_id = @userId RETURNING name_key',
  personalWatches: 'SELECT user_id, name, added_at FROM personal_watches WHERE user_id = @userId',
  allPersonalWatches: 'SELECT user_id, name, added_at FROM personal_watches',

  publishSourceList: `
    INSERT INTO source_lists (source, revision, sha256, collection, sync_status, published_by, published_at)
    VALUES (@source, 1, @sha256, @collection, NULL, @publishedBy, @now)
    ON CONFLICT (source) DO UPDATE SET
      revision = source_lists.revision + 1,
      sha256 = excluded.sha256,
      collection = excluded.collection,
      published_by = excluded.published_by,
      published_at = excluded.published_at
    RETURNING revision`,
  publishSyncStatus: `
    INSERT INTO source_lists (source, revision, sha256, collection, sync_status, published_by, published_at)
    VALUES (@source, 1, NULL, NULL, @syncStatus, @publishedBy, @now)
    ON CONFLICT (source) DO UPDATE SET
      revision = source_lists.revision + 1,
      sync_status = excluded.sync_status,
      published_by = excluded.published_by,
      published_at = excluded.published_at
    RETURNING revision`,
  sourceListRevisions: 'SELECT source, revision, sha256, sync_status, published_at FROM source_lists ORDER BY source',
  sourceList: `
    SELECT source, revision, sha256, collection, sync_status, published_by, published_at
    FROM source_lists WHERE source = @source`,

  acquireLock: `
    INSERT INTO locks (key, owner, expires_at) VALUES (@key, @owner, @expiresAt)
    ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
    WHERE locks.expires_at < @now OR locks.owner = excluded.owner
    RETURNING owner`,
  releaseLock: 'DELETE FROM locks WHERE key = @key AND owner = @owner',

  claimRequest: `
    INSERT INTO seen_requests (key, expires_at) VALUES (@key, @expiresAt)
    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at
    WHERE seen_requests.expires_at < @now
    RETURNING key`,
  forgetRequests: 'DELETE FROM seen_requests WHERE expires_at < @now',
} as const;

/**
 * Counts one ask of each kind in one statement. PostgreSQL refuses an upsert that reaches the same row
 * twice, so the kinds must be distinct.
 */
function noteAskedDataTypesSql(kinds: number): string {
  const rows = Array.from({ length: kinds }, (_, n) => `(@dataType${n}, @day, 1)`).join(', ');
  return `
    INSERT INTO asked_data_types (data_type, day, asks) VALUES ${rows}
    ON CONFLICT (data_type, day) DO UPDATE SET asks = asked_data_types.asks + excluded.asks`;
}

/** Expired request keys are deleted at most this often, so the table stays small without a write per claim. */
const FORGET_REQUESTS_EVERY_MS = 60_000;

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  private closed = false;
  private requestsForgottenAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly db: SqlDriver) {
    this.kind = db.kind;
  }

  async subscribe(channelId: string, userId: string, now: number): Promise<boolean> {
    const rows = await this.db.query(SQL.subscribe, { channelId, userId, now: time('now', now) });
    return rows.length > 0;
  }

  async unsubscribe(channelId: string): Promise<boolean> {
    return (await this.db.query(SQL.unsubscribe, { channelId })).length > 0;
  }

  async subscription(channelId: string): Promise<Subscription | undefined> {
    const [row] = await this.db.query(SQL.subscription, { channelId });
    return row && toSubscription(row);
  }

  async subscriptions(): Promise<Subscription[]> {
    return (await this.db.query(SQL.subscriptions, {})).map(toSubscription);
  }

  async addVendor(name: string, userId: string, now: number): Promise<boolean> {
    const params = { nameKey: vendorNameKey(name), name: vendorName(name), userId, now: time('now', now) };
    return (await this.db.query(SQL.addVendor, params)).length > 0;
  }

  async removeVendor(name: string): Promise<boolean> {
    return (await this.db.query(SQL.removeVendor, { nameKey: vendorNameKey(name) })).length > 0;
  }

  async watchlist(): Promise<WatchedVendor[]> {
    // Sorted here rather than by ORDER BY, whose order depends on each database's collation.
    const vendors = (await this.db.query(SQL.watchlist, {})).map(toWatchedVendor);
    return vendors.sort((a, b) => compareVendorNames(a.name, b.name));
  }

  async claimDelivery(request: ClaimRequest): Promise<ClaimResult> {
    const { channelId, periodKey, instanceId } = request;
    const now = time('now', request.now);
    const leaseUntil = now + duration('leaseMs', request.leaseMs);
    const [claimed] = await this.db.query(SQL.claimDelivery, { channelId, periodKey, instanceId, now, leaseUntil });
    if (claimed) {
      return { claimed: true, recovering: claimed.claimed_from === 'sending', delivery: toDelivery(claimed) };
    }
    // Not ours: report the row as it stands (it may have moved on since the claim was refused).
    const current = await this.delivery(channelId, periodKey);
    if (!current) throw new Error(`The delivery of ${channelId} for ${periodKey} was neither claimed nor found.`);
    return { claimed: false, delivery: current };
  }

  async markSent(outcome: DeliveryOutcome & { messageTs: string }): Promise<boolean> {
    const { channelId, periodKey, instanceId, messageTs } = outcome;
    const params = { channelId, periodKey, instanceId, messageTs, now: time('now', outcome.now) };
    return (await this.db.query(SQL.markSent, params)).length > 0;
  }

  async markFailed(outcome: DeliveryOutcome & { error: string; permanent: boolean }): Promise<boolean> {
    const { channelId, periodKey, instanceId, error } = outcome;
    const state: DeliveryState = outcome.permanent ? 'failed' : 'retry';
    const params = { channelId, periodKey, instanceId, error, state, now: time('now', outcome.now) };
    return (await this.db.query(SQL.markFailed, params)).length > 0;
  }

  async delivery(channelId: string, periodKey: string): Promise<Delivery | undefined> {
    const [row] = await this.db.query(SQL.delivery, { channelId, periodKey });
    return row && toDelivery(row);
  }

  async lastDelivery(channelId: string, keyPrefix?: string): Promise<Delivery | undefined> {
    const [row] =
      keyPrefix === undefined
        ? await this.db.query(SQL.lastDigestDelivery, { channelId })
        : await this.db.query(SQL.lastDeliveryWithPrefix, {
            channelId,
            prefix: keyPrefix,
            // Both databases count characters; JavaScript's length counts UTF-16 units.
            prefixLength: [...keyPrefix].length,
          });
    return row && toDelivery(row);
  }

  async subscribeTraining(channelId: string, userId: string, now: number): Promise<boolean> {
    const rows = await this.db.query(SQL.subscribeTraining, { channelId, userId, now: time('now', now) });
    return rows.length > 0;
  }

  async unsubscribeTraining(channelId: string): Promise<boolean> {
    return (await this.db.query(SQL.unsubscribeTraining, { channelId })).length > 0;
  }

  async trainingSubscription(channelId: string): Promise<Subscription | undefined> {
    const [row] = await this.db.query(SQL.trainingSubscription, { channelId });
    return row && toSubscription(row);
  }

  async trainingSubscriptions(): Promise<Subscription[]> {
    return (await this.db.query(SQL.trainingSubscriptions, {})).map(toSubscription);
  }

  async createQuiz(record: QuizRecord): Promise<boolean> {
    const { quizId, channelId, postedBy } = record;
    // Checked on the way in too, so that no quiz is kept that `quiz` would refuse to read back.
    const parsed = quizSchema.safeParse(record.quiz);
    if (!parsed.success) throw new Error(`Store: quiz ${quizId} cannot be kept: ${firstIssue(parsed.error.issues)}.`);
    const params = {
      quizId,
      incidentId: parsed.data.incidentId,
      channelId,
      postedBy,
      createdAt: time('createdAt', record.createdAt),
      questions: JSON.stringify(parsed.data),
    };
    return (await this.db.query(SQL.createQuiz, params)).length > 0;
  }

  async quiz(quizId: string): Promise<QuizRecord | undefined> {
    const [row] = await this.db.query(SQL.quiz, { quizId });
    return row && toQuizRecord(row);
  }

  async recordQuizAnswer(answer: QuizAnswer): Promise<RecordAnswerResult> {
    const { quizId, userId } = answer;
    const questionIndex = index('questionIndex', answer.questionIndex);
    const params = {
      quizId,
      questionIndex,
      userId,
      choice: index('choice', answer.choice),
      correct: answer.correct ? 1 : 0,
      answeredAt: time('answeredAt', answer.answeredAt),
    };
    if ((await this.db.query(SQL.recordQuizAnswer, params)).length > 0) return { recorded: true };
    const [existing] = await this.db.query(SQL.quizAnswer, { quizId, questionIndex, userId });
    if (!existing) {
      throw new Error(
        `Store: the answer of ${userId} to question ${questionIndex} of quiz ${quizId} was neither recorded nor found.`,
      );
    }
    return { recorded: false, existing: toQuizAnswer(existing) };
  }

  async quizAnswers(quizId: string): Promise<QuizAnswer[]> {
    return (await this.db.query(SQL.quizAnswers, { quizId })).map(toQuizAnswer);
  }

  async claimTrainingPick(pick: TrainingPick): Promise<TrainingPick> {
    const { periodKey, incidentId } = pick;
    const params = { periodKey, incidentId, pickedAt: time('pickedAt', pick.pickedAt) };
    const [inserted] = await this.db.query(SQL.claimTrainingPick, params);
    if (inserted) return toTrainingPick(inserted);
    const [existing] = await this.db.query(SQL.trainingPick, { periodKey });
    if (!existing) throw new Error(`Store: the training pick of ${periodKey} was neither recorded nor found.`);
    return toTrainingPick(existing);
  }

  async trainingPicks(since: number): Promise<TrainingPick[]> {
    return (await this.db.query(SQL.trainingPicks, { since: time('since', since) })).map(toTrainingPick);
  }

  async noteAskedDataTypes(dataTypes: readonly DataType[], day: string): Promise<void> {
    const params: Record<string, SqlValue> = { day: isoDay('day', day) };
    const kinds = [...new Set(dataTypes)];
    for (const [n, kind] of kinds.entries()) {
      if (!KNOWN_DATA_TYPES.has(kind)) throw new Error(`Store: "${String(kind)}" is not a kind of data.`);
      params[`dataType${n}`] = kind;
    }
    if (kinds.length > 0) await this.db.query(noteAskedDataTypesSql(kinds.length), params);
  }

  async askedDataTypes(sinceDay: string): Promise<Partial<Record<DataType, number>>> {
    const rows = await this.db.query(SQL.askedDataTypes, { sinceDay: isoDay('sinceDay', sinceDay) });
    const asked: Partial<Record<DataType, number>> = {};
    for (const row of rows) {
      const kind = text(row, 'data_type');
      // An instance of another breachbot version on the same database may count kinds this one does not
      // know; they are left out rather than failing the whole count.
      if (KNOWN_DATA_TYPES.has(kind)) asked[kind as DataType] = integer(row, 'asks');
    }
    return asked;
  }

  async addPersonalWatch(userId: string, name: string, now: number): Promise<boolean> {
    const params = { userId, nameKey: vendorNameKey(name), name: vendorName(name), now: time('now', now) };
    return (await this.db.query(SQL.addPersonalWatch, params)).length > 0;
  }

  async removePersonalWatch(userId: string, name: string): Promise<boolean> {
    return (await this.db.query(SQL.removePersonalWatch, { userId, nameKey: vendorNameKey(name) })).length > 0;
  }

  async clearPersonalWatches(userId: string): Promise<number> {
    return (await this.db.query(SQL.clearPersonalWatches, { userId })).length;
  }

  async personalWatches(userId: string): Promise<PersonalWatch[]> {
    const watches = (await this.db.query(SQL.personalWatches, { userId })).map(toPersonalWatch);
    return watches.sort((a, b) => compareVendorNames(a.name, b.name));
  }

  async allPersonalWatches(): Promise<PersonalWatch[]> {
    const watches = (await this.db.query(SQL.allPersonalWatches, {})).map(toPersonalWatch);
    return watches.sort((a, b) =>
      a.userId === b.userId ? compareVendorNames(a.name, b.name) : a.userId < b.userId ? -1 : 1,
    );
  }

  async publishSourceList(list: Parameters<Store['publishSourceList']>[0]): Promise<number> {
    const { source, sha256, collection, publishedBy } = list;
    const params = { source, sha256, collection, publishedBy, now: time('now', list.now) };
    const [row] = await this.db.query(SQL.publishSourceList, params);
    return integer(row ?? {}, 'revision');
  }

  async publishSyncStatus(status: Parameters<Store['publishSyncStatus']>[0]): Promise<number> {
    const { source, syncStatus, publishedBy } = status;
    const params = { source, syncStatus, publishedBy, now: time('now', status.now) };
    const [row] = await this.db.query(SQL.publishSyncStatus, params);
    return integer(row ?? {}, 'revision');
  }

  async sourceListRevisions(): Promise<SharedSourceRevision[]> {
    return (await this.db.query(SQL.sourceListRevisions, {})).map(toSourceRevision);
  }

  async sourceList(source: string): Promise<SharedSourceList | undefined> {
    const [row] = await this.db.query(SQL.sourceList, { source });
    if (!row) return undefined;
    return {
      ...toSourceRevision(row),
      collection: nullableText(row, 'collection'),
      publishedBy: text(row, 'published_by'),
    };
  }

  async acquireLock(key: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const at = time('now', now);
    const params = { key, owner, now: at, expiresAt: at + duration('ttlMs', ttlMs) };
    return (await this.db.query(SQL.acquireLock, params)).length > 0;
  }

  async releaseLock(key: string, owner: string): Promise<void> {
    await this.db.query(SQL.releaseLock, { key, owner });
  }

  async claimRequest(key: string, now: number, ttlMs: number): Promise<boolean> {
    const at = time('now', now);
    const params = { key, now: at, expiresAt: at + duration('ttlMs', ttlMs) };
    const claimed = (await this.db.query(SQL.claimRequest, params)).length > 0;
    if (at - this.requestsForgottenAt >= FORGET_REQUESTS_EVERY_MS) {
      this.requestsForgottenAt = at;
      await this.db.query(SQL.forgetRequests, { now: at });
    }
    return claimed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }
}

// A wrong time (a Date, NaN, seconds as a fraction) would otherwise surface as a constraint error or,
// worse, as a lease that never expires.
function time(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`Store: ${name} must be epoch milliseconds (a non-negative integer), got ${String(value)}.`);
  }
  return value;
}

function duration(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`Store: ${name} must be a positive whole number of milliseconds, got ${String(value)}.`);
  }
  return value;
}

function index(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`Store: ${name} must be a non-negative whole number, got ${String(value)}.`);
  }
  return value;
}

// Days are compared as text, which orders them only in this one shape.
function isoDay(name: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new Error(`Store: ${name} must be a day as YYYY-MM-DD, got "${value}".`);
  return value;
}

const KNOWN_DATA_TYPES: ReadonlySet<string> = new Set(DATA_TYPES);

function firstIssue(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const [issue] = issues;
  if (!issue) return 'it is not a quiz';
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

function toSubscription(row: Row): Subscription {
  return {
    channelId: text(row, 'channel_id'),
    subscribedBy: text(row, 'subscribed_by'),
    subscribedAt: integer(row, 'subscribed_at'),
  };
}

function toWatchedVendor(row: Row): WatchedVendor {
  return { name: text(row, 'name'), addedBy: text(row, 'added_by'), addedAt: integer(row, 'added_at') };
}

function toPersonalWatch(row: Row): PersonalWatch {
  return { userId: text(row, 'user_id'), name: text(row, 'name'), addedAt: integer(row, 'added_at') };
}

function toSourceRevision(row: Row): SharedSourceRevision {
  return {
    source: text(row, 'source'),
    revision: integer(row, 'revision'),
    sha256: nullableText(row, 'sha256'),
    syncStatus: nullableText(row, 'sync_status'),
    publishedAt: integer(row, 'published_at'),
  };
}

function toQuizRecord(row: Row): QuizRecord {
  const quizId = text(row, 'quiz_id');
  return {
    quizId,
    channelId: text(row, 'channel_id'),
    postedBy: text(row, 'posted_by'),
    createdAt: integer(row, 'created_at'),
    quiz: storedQuiz(quizId, text(row, 'questions'), text(row, 'incident_id')),
  };
}

/** Answers are judged against these questions, so a quiz that no longer reads as one is refused, not guessed at. */
function storedQuiz(quizId: string, json: string, incidentId: string): Quiz {
  const damaged = (problem: string) => new Error(`Store: quiz ${quizId} is damaged: ${problem}.`);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw damaged(`its questions are not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = quizSchema.safeParse(value);
  if (!parsed.success) throw damaged(firstIssue(parsed.error.issues));
  if (parsed.data.incidentId !== incidentId) {
    throw damaged(`its questions are about ${parsed.data.incidentId}, its row about ${incidentId}`);
  }
  return parsed.data;
}

function toQuizAnswer(row: Row): QuizAnswer {
  const correct = integer(row, 'correct');
  if (correct !== 0 && correct !== 1) throw new Error(`Store: quiz_answers.correct holds ${correct}, not 0 or 1.`);
  return {
    quizId: text(row, 'quiz_id'),
    questionIndex: integer(row, 'question_index'),
    userId: text(row, 'user_id'),
    choice: integer(row, 'choice'),
    correct: correct === 1,
    answeredAt: integer(row, 'answered_at'),
  };
}

function toTrainingPick(row: Row): TrainingPick {
  return {
    periodKey: text(row, 'period_key'),
    incidentId: text(row, 'incident_id'),
    pickedAt: integer(row, 'picked_at'),
  };
}

const DELIVERY_STATES: readonly string[] = ['sending', 'sent', 'retry', 'failed'] satisfies DeliveryState[];

function toDelivery(row: Row): Delivery {
  const state = text(row, 'state');
  if (!DELIVERY_STATES.includes(state)) throw new Error(`Store: deliveries.state holds an unknown state "${state}".`);
  return {
    channelId: text(row, 'channel_id'),
    periodKey: text(row, 'period_key'),
    state: state as DeliveryState,
    claimedBy: text(row, 'claimed_by'),
    leaseUntil: integer(row, 'lease_until'),
    attempts: integer(row, 'attempts'),
    messageTs: nullableText(row, 'message_ts'),
    error: nullableText(row, 'error'),
    updatedAt: integer(row, 'updated_at'),
  };
}

function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new Error(`Store: column ${column} is not text.`);
  return value;
}

function nullableText(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** pg returns BIGINT columns as strings (they can exceed 2^53); ours are epoch milliseconds and counts. */
function integer(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number)) throw new Error(`Store: column ${column} is not an integer.`);
  return number;
}
