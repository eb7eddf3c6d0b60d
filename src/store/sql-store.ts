import {
  ALERT_KEY_PREFIX,
  type Delivery,
  type DeliveryState,
  type PersonalWatch,
  type Subscription,
  type WatchedVendor,
} from '../digest/records.js';
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
  // The prefix is a parameter, not text in the pattern, so that both databases read it alike.
  lastDelivery: `
    SELECT ${DELIVERY_COLUMNS} FROM deliveries
    WHERE channel_id = @channelId AND substr(period_key, 1, @alertPrefixLength) <> @alertPrefix
    ORDER BY created_at DESC, period_key DESC
    LIMIT 1`,

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

  async lastDelivery(channelId: string): Promise<Delivery | undefined> {
    const params = { channelId, alertPrefix: ALERT_KEY_PREFIX, alertPrefixLength: ALERT_KEY_PREFIX.length };
    const [row] = await this.db.query(SQL.lastDelivery, params);
    return row && toDelivery(row);
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
