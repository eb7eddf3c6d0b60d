/**
 * Every id Slack sends back to the app: the listeners register on these and the builders set them,
 * so a renamed id cannot leave a button without a listener.
 */

/** Button on an incident card: posts the public card in the channel. Value: the incident id. */
export const ACTION_SHARE = 'share_in_channel';
/** Button on an incident card: the full protective-steps checklist. Value: the incident id. */
export const ACTION_STEPS = 'show_steps';
/** "Show" on a close match, a list line, a latest line or the Home tab. Value: the incident id. */
export const ACTION_SHOW = 'show_incident';
/** Button on a short card: the full card. Value: `fullDetailsValue`. */
export const ACTION_FULL_DETAILS = 'show_full_details';

/**
 * "Full details" carries the incident and the question, so the full card can list the question's
 * close matches: `<incident id> <question>`. An id has no spaces, so the first one ends it.
 */
export function fullDetailsValue(incidentId: string, query: string): string {
  return `${incidentId} ${query}`.trim();
}

export function readFullDetailsValue(value: string): { incidentId: string; query: string } {
  const space = value.indexOf(' ');
  return space < 0
    ? { incidentId: value, query: '' }
    : { incidentId: value.slice(0, space), query: value.slice(space + 1).trim() };
}

/** Button on a shared card: posts a quiz on the incident in the channel. Value: the incident id. */
export const ACTION_QUIZ = 'post_quiz';
/**
 * The choices of one quiz question, one action id per choice (ids must differ within a block).
 * Value: `quizAnswerValue`.
 */
export const ACTION_QUIZ_ANSWERS = ['quiz_answer_0', 'quiz_answer_1', 'quiz_answer_2', 'quiz_answer_3'] as const;
/** "Results" under a quiz: the trainer's tally, ephemeral; anyone else is told whose it is. Value: the quiz id. */
export const ACTION_QUIZ_RESULTS = 'quiz_results';

export function quizAnswerValue(quizId: string, questionIndex: number, choice: number): string {
  return `${quizId} ${questionIndex} ${choice}`;
}

/** Undefined for anything `quizAnswerValue` did not make. */
export function readQuizAnswerValue(
  value: string,
): { quizId: string; questionIndex: number; choice: number } | undefined {
  const match = /^([A-Z0-9]{4,16}) ([0-9]) ([0-9])$/.exec(value);
  if (!match) return undefined;
  return { quizId: match[1] as string, questionIndex: Number(match[2]), choice: Number(match[3]) };
}

/** Global shortcut that opens the share modal. */
export const SHORTCUT_SHARE = 'share_incident_card';
/** callback_id of the share modal, for `app.view(VIEW_SHARE, …)`. */
export const VIEW_SHARE = 'share_incident_modal';

/** The share modal's incident picker: an external select, so `app.options(ACTION_SHARE_INCIDENT, …)`. */
export const BLOCK_SHARE_INCIDENT = 'share_incident';
export const ACTION_SHARE_INCIDENT = 'share_incident_select';
/** The share modal's channel picker. */
export const BLOCK_SHARE_CHANNEL = 'share_channel';
export const ACTION_SHARE_CHANNEL = 'share_channel_select';
/** The share modal's optional note. */
export const BLOCK_SHARE_NOTE = 'share_note';
export const ACTION_SHARE_NOTE = 'share_note_input';

/** A channel, private channel or DM id as Slack sends it: what may go into `<#…>` or a Web API call. */
export const CONVERSATION_ID = /^[CDG][A-Z0-9]{2,20}$/;
