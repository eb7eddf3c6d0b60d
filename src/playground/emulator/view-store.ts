import { isRecord } from './http-body.js';
import { randomId } from './ids.js';
import type { EnteredValues } from './view-state.js';

/** Slack lets an app use a trigger_id for three seconds. */
export const TRIGGER_LIFETIME_MS = 3_000;

export interface StoredView {
  id: string;
  type: 'modal' | 'home';
  /** Whose screen it is on. */
  user: string;
  /** The view as the app sent it, with Slack's block ids added. */
  view: Record<string, unknown>;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  /** The channel the person was in when the modal opened; `default_to_current_conversation` picks it. */
  channel: string | undefined;
  /** Inline errors from the app's last `response_action: 'errors'`, by block_id. */
  errors: Record<string, string>;
  /** A problem Slack itself shows at the top of the modal (the app did not answer, ...). */
  problem: string | undefined;
  /** What the person last submitted: Slack keeps it on screen while the app reports errors. */
  entered: EnteredValues;
}

interface Trigger {
  user: string;
  channel: string | undefined;
  issuedAt: number;
}

export type TriggerClaim = { user: string; channel: string | undefined } | 'expired' | 'exchanged' | 'unknown';

function newHash(): string {
  return `${Date.now()}.${randomId('')}`;
}

function withBlockIds(view: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(view);
  if (Array.isArray(copy.blocks)) {
    copy.blocks = copy.blocks.map((block) =>
      isRecord(block) && typeof block.block_id !== 'string' ? { ...block, block_id: randomId('').slice(0, 5) } : block,
    );
  }
  return copy;
}

/** Modals (a stack per person), Home tabs (one per person) and the trigger ids that open modals. */
export class ViewStore {
  private readonly triggers = new Map<string, Trigger>();
  private readonly exchanged = new Set<string>();
  private readonly modals = new Map<string, StoredView[]>();
  private readonly homes = new Map<string, StoredView>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A trigger_id for something a person just did, as Slack puts in shortcuts, commands and actions. */
  issueTrigger(user: string, channel?: string): string {
    const id = `${Math.floor(this.now() / 1000)}.${randomId('')}`;
    this.triggers.set(id, { user, channel, issuedAt: this.now() });
    return id;
  }

  /** A trigger opens one view: Slack refuses it the second time. */
  claimTrigger(triggerId: string): TriggerClaim {
    if (this.exchanged.has(triggerId)) return 'exchanged';
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return 'unknown';
    this.triggers.delete(triggerId);
    this.exchanged.add(triggerId);
    if (this.now() - trigger.issuedAt > TRIGGER_LIFETIME_MS) return 'expired';
    return { user: trigger.user, channel: trigger.channel };
  }

  /** Opens a modal on a person's screen; `push` stacks it on the open one, as `views.push` does. */
  openModal(user: string, view: Record<string, unknown>, { push, channel }: { push: boolean; channel?: string }) {
    const stack = push ? (this.modals.get(user) ?? []) : [];
    const previous = stack.at(-1);
    const id = randomId('V');
    const stored = newStoredView(id, 'modal', user, view, {
      rootViewId: stack[0]?.id ?? id,
      previousViewId: previous?.id ?? null,
      channel: channel ?? previous?.channel,
    });
    this.modals.set(user, [...stack, stored]);
    this.changed();
    return stored;
  }

  /** A view that is on nobody's screen (a trigger the emulator never issued): answered, not shown. */
  detachedModal(view: Record<string, unknown>): StoredView {
    return newStoredView(randomId('V'), 'modal', '', view);
  }

  publishHome(user: string, view: Record<string, unknown>): StoredView {
    const existing = this.homes.get(user);
    const stored = newStoredView(existing?.id ?? randomId('V'), 'home', user, view);
    this.homes.set(user, stored);
    this.changed();
    return stored;
  }

  find(where: { viewId?: string; externalId?: string }): StoredView | undefined {
    for (const view of this.all()) {
      if (where.viewId !== undefined && view.id === where.viewId) return view;
      if (where.externalId !== undefined && view.view.external_id === where.externalId) return view;
    }
    return undefined;
  }

  /** Replaces a view's content in place: same id, new hash, errors cleared. */
  replace(stored: StoredView, view: Record<string, unknown>): StoredView {
    stored.view = withBlockIds(view);
    stored.hash = newHash();
    stored.errors = {};
    stored.problem = undefined;
    stored.entered = {};
    this.changed();
    return stored;
  }

  showErrors(stored: StoredView, errors: Record<string, string>, problem?: string): void {
    stored.errors = errors;
    stored.problem = problem;
    this.changed();
  }

  /** Closes the top modal; with `all`, the whole stack (`response_action: 'clear'`). */
  close(user: string, { all }: { all: boolean } = { all: false }): StoredView[] {
    const stack = this.modals.get(user) ?? [];
    const closed = all ? stack : stack.slice(-1);
    this.modals.set(user, all ? [] : stack.slice(0, -1));
    if (closed.length > 0) this.changed();
    return closed;
  }

  topModal(user: string): StoredView | undefined {
    return this.modals.get(user)?.at(-1);
  }

  home(user: string): StoredView | undefined {
    return this.homes.get(user);
  }

  private *all(): Iterable<StoredView> {
    for (const stack of this.modals.values()) yield* stack;
    yield* this.homes.values();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A stored view in the shape of Slack's view objects (API responses and interaction payloads). */
export function slackView(stored: StoredView, ids: { teamId: string; appId: string; botId: string }) {
  return {
    type: stored.type,
    blocks: [],
    private_metadata: '',
    callback_id: '',
    clear_on_close: false,
    notify_on_close: false,
    external_id: '',
    ...stored.view,
    // What Slack manages wins over anything the app put in the view.
    id: stored.id,
    team_id: ids.teamId,
    state: { values: {} },
    hash: stored.hash,
    root_view_id: stored.rootViewId,
    previous_view_id: stored.previousViewId,
    app_id: ids.appId,
    app_installed_team_id: ids.teamId,
    bot_id: ids.botId,
  };
}

/** A view as first stored: its own root unless it sits in a stack, no errors, nothing entered yet. */
function newStoredView(
  id: string,
  type: StoredView['type'],
  user: string,
  view: Record<string, unknown>,
  place: Partial<Pick<StoredView, 'rootViewId' | 'previousViewId' | 'channel'>> = {},
): StoredView {
  return {
    id,
    type,
    user,
    view: withBlockIds(view),
    hash: newHash(),
    rootViewId: place.rootViewId ?? id,
    previousViewId: place.previousViewId ?? null,
    channel: place.channel,
    errors: {},
    problem: undefined,
    entered: {},
  };
}
