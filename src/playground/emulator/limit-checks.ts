import { checkMessageLimits, checkOptions, type SlackSurface } from '../../views/blocks/limits.js';
import { isRecord } from './http-body.js';

export interface LimitViolation {
  /** What the app sent, and where: `chat.postMessage to C0123 "HealthEC LLC: 4,786,241 people…"`. */
  where: string;
  problems: string[];
}

/** The first violations are the ones to read; a playground left running must not grow without end. */
const KEPT_MAX = 100;
const LABEL_TEXT_MAX = 60;

function label(where: string, surface: unknown): string {
  const text = isRecord(surface) && typeof surface.text === 'string' ? surface.text : undefined;
  if (!text) return where;
  return `${where} "${text.length > LABEL_TEXT_MAX ? `${text.slice(0, LABEL_TEXT_MAX)}…` : text}"`;
}

/**
 * The Block Kit limits an app's response to Slack breaks: a message (a slash command's ack), select
 * options (an options request's), or the modal of a view submission's `response_action`.
 */
export function responseProblems(body: unknown): string[] {
  if (!isRecord(body) || Object.keys(body).length === 0) return [];
  if (Array.isArray(body.options)) return checkOptions(body.options);
  if (Array.isArray(body.option_groups)) {
    return checkOptions(body.option_groups.flatMap((group) => (isRecord(group) ? (group.options ?? []) : [])));
  }
  if (typeof body.response_action === 'string') {
    return isRecord(body.view) ? checkMessageLimits(body.view as SlackSurface) : [];
  }
  if ('text' in body || 'blocks' in body) return checkMessageLimits(body as SlackSurface);
  return [];
}

/**
 * Block Kit's limits (src/views/blocks/limits.ts) checked on everything the app sends the emulator: messages,
 * views, response_url posts and its responses to requests. Slack refuses some of what breaks them
 * (`invalid_blocks`) and cuts the rest; the emulator answers as usual and keeps the violation, so
 * that a test fails on it (test/support/checked-emulator.ts fails `close()`) and a person can look.
 */
export class LimitChecks {
  readonly violations: LimitViolation[] = [];

  /** `onViolation` hears of each one as it happens: the playground logs it for the developer. */
  constructor(private readonly onViolation?: (violation: LimitViolation) => void) {}

  /** A chat.* message or a response_url post (a `delete_original` carries no message). */
  message(where: string, body: unknown): void {
    if (!isRecord(body) || body.delete_original === true) return;
    this.keep(label(where, body), checkMessageLimits(body as SlackSurface));
  }

  view(where: string, view: unknown): void {
    if (!isRecord(view)) return;
    this.keep(where, checkMessageLimits(view as SlackSurface));
  }

  /** What the app answered a request with, over HTTP or in a Socket Mode ack. */
  response(where: string, body: unknown): void {
    this.keep(label(where, body), responseProblems(body));
  }

  private keep(where: string, problems: string[]): void {
    if (problems.length === 0) return;
    const violation = { where, problems };
    if (this.violations.length < KEPT_MAX) this.violations.push(violation);
    this.onViolation?.(violation);
  }
}
