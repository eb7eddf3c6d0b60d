import type { BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';

const incidentIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export function isIncidentId(value: string): boolean {
  return incidentIdSchema.safeParse(value).success;
}

/** The incident id a button carries, checked: button values come back from the client. */
export function incidentIdFrom(body: BlockAction): string | undefined {
  const action = body.actions[0] as ButtonAction | undefined;
  const parsed = incidentIdSchema.safeParse(action?.value);
  return parsed.success ? parsed.data : undefined;
}

export const GONE_TEXT = 'That incident is no longer in the data. Try `/breach` with its name.';
