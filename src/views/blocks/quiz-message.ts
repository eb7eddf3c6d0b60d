import type { KnownBlock } from '@slack/types';
import type { tallyQuiz } from '../../training/quiz-results.js';
import type { QuizRecord } from '../../training/records.js';
import type { SlackMessage } from './answer-message.js';
import { actions, button, context, header, section } from './elements.js';
import { ACTION_QUIZ_ANSWERS, ACTION_QUIZ_RESULTS, quizAnswerValue } from './ids.js';
import { FALLBACK_TEXT_MAX, linesWithin, SECTION_TEXT_MAX } from './limits.js';
import { channelMention, escapeMrkdwn, escapeWithin, link, userMention } from './mrkdwn.js';

const LETTERS = ['A', 'B', 'C', 'D'] as const;

/** The command that exports a quiz's answers, as a trainer types it. */
export function quizExportCommand(quizId: string): string {
  return `/breach quiz results ${quizId}`;
}

/**
 * A quiz's questions, each with its choices as buttons. Nothing in it ever changes after it is posted:
 * who answered what is told to each person alone, and counted for the trainer alone.
 * `preview` shows the choices as text, the right one marked, for the trainer who previews it.
 */
export function quizBlocks(record: QuizRecord, { preview = false }: { preview?: boolean } = {}): KnownBlock[] {
  const { quiz, quizId } = record;
  const questions = quiz.questions.flatMap((question, index): KnownBlock[] => {
    const prompt = `*${index + 1}.* ${escapeMrkdwn(question.prompt)}`;
    if (preview) {
      const lines = question.choices.map(
        (choice, c) => `${LETTERS[c]}. ${escapeMrkdwn(choice)}${c === question.answer ? '  ✓' : ''}`,
      );
      return [section(linesWithin([prompt, ...lines], SECTION_TEXT_MAX, () => ''))];
    }
    return [
      section(prompt),
      actions(
        question.choices.map((choice, c) =>
          // The choice alone: a letter before it would push the longest choices past a button's 75 characters.
          button({
            text: choice,
            actionId: ACTION_QUIZ_ANSWERS[c] as string,
            value: quizAnswerValue(quizId, index, c),
          }),
        ),
      ),
    ];
  });
  return [
    section(
      `*Quiz: ${escapeMrkdwn(quiz.organization)}*: ${quiz.questions.length} questions from the record. ` +
        'Answer with the buttons: only you see whether you were right, and your first answer counts.',
    ),
    ...questions,
    ...(preview
      ? []
      : [actions([button({ text: 'Results (trainer)', actionId: ACTION_QUIZ_RESULTS, value: quizId })])]),
    context([
      `Quiz ${quizId} · trainer ${userMention(record.postedBy)}: results with the button, or \`${quizExportCommand(quizId)}\` for a CSV`,
    ]),
  ];
}

/** A quiz posted on its own in a channel ("Quiz" on a shared card, `/breach quiz <incident>`). */
export function quizMessage(record: QuizRecord): SlackMessage {
  return {
    text: escapeWithin(
      `Quiz on ${record.quiz.organization}: ${record.quiz.questions.length} questions`,
      FALLBACK_TEXT_MAX,
    ),
    blocks: [header(`Quiz: ${record.quiz.organization}`), ...quizBlocks(record)],
  };
}

/** What one person sees after answering a question: right or wrong, why, and where it says so. */
export type QuizAnswerReply =
  | {
      kind: 'answered';
      /** False when this person had answered before: `choice` is their first answer, which stands. */
      first: boolean;
      questionIndex: number;
      choice: string;
      correct: boolean;
      rightChoice: string;
      explanation: string;
      source: { title: string; url: string };
    }
  | { kind: 'unknown-quiz' }
  | { kind: 'bad-choice' };

export function quizAnswerMessage(reply: QuizAnswerReply): SlackMessage {
  if (reply.kind === 'unknown-quiz') return plain('I cannot find this quiz any more, so I cannot record your answer.');
  if (reply.kind === 'bad-choice')
    return plain("That is not one of the question's choices. Please pick one of the buttons.");
  const number = reply.questionIndex + 1;
  const verdict = reply.correct
    ? `✅ *Right.* ${escapeMrkdwn(reply.rightChoice)}.`
    : `❌ *Not quite.* You chose ${escapeMrkdwn(reply.choice)}; the answer is ${escapeMrkdwn(reply.rightChoice)}.`;
  const lead = reply.first
    ? `*Question ${number}:* ${verdict}`
    : `You already answered question ${number}, and your first answer counts. ${verdict}`;
  const text = `${lead} ${escapeMrkdwn(reply.explanation)} Source: ${link(reply.source.url, reply.source.title)}`;
  return {
    text: escapeWithin(`Question ${number}: ${reply.correct ? 'right' : 'not quite'}`, FALLBACK_TEXT_MAX),
    blocks: [section(text)],
  };
}

/** The trainer's tally: counts and shares only, never names (those are in the CSV, sent to the trainer alone). */
export function quizResultsMessage(record: QuizRecord, tally: ReturnType<typeof tallyQuiz>): SlackMessage {
  const { quiz, quizId } = record;
  const people = tally.respondents === 1 ? '1 person' : `${tally.respondents.toLocaleString('en-US')} people`;
  const lines = tally.questions.map((question) => {
    const share =
      question.shareRight === undefined
        ? 'no answers yet'
        : `${question.answered.toLocaleString('en-US')} answered, ${Math.round(question.shareRight * 100)}% right`;
    return `*${question.index + 1}.* ${escapeMrkdwn(question.prompt)}\n${share}`;
  });
  return {
    text: escapeWithin(`Results of quiz ${quizId} on ${quiz.organization}: ${people} answered`, FALLBACK_TEXT_MAX),
    blocks: [
      header(`Results: ${quiz.organization}`),
      section(`Quiz ${quizId}: *${people}* answered so far.`),
      section(linesWithin(lines, SECTION_TEXT_MAX, (left) => `…and ${left} more questions`)),
      context([
        `Names are only in the export: \`${quizExportCommand(quizId)}\` sends you a CSV, in our direct messages.`,
      ]),
    ],
  };
}

/** For anyone but the trainer or an admin. */
export function quizResultsRefusedMessage(record: QuizRecord): SlackMessage {
  return plain(
    `Only the trainer who posted quiz ${record.quizId} (${userMention(record.postedBy)}) or an admin can see its results.`,
  );
}

function plain(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [section(mrkdwn)] };
}

/** Quizzes are kept in the store: an app built without one (some tests, the HTTP benchmark) says so. */
export const QUIZZES_NEED_STORE = "Quizzes need breachbot's store, and this breachbot runs without one.";

/** `/breach quiz` with something missing. */
export function quizUsageMessage(problem: string): SlackMessage {
  return plain(
    `${escapeMrkdwn(problem)}\n• \`/breach quiz healthec\` posts a quiz on an incident in this channel\n` +
      `• \`/breach quiz results ${escapeMrkdwn('<quiz id>')}\` sends you its answers as a CSV (trainer or admin only)`,
  );
}

/** The record states too little for honest questions: said, rather than filler questions asked. */
export function quizTooFewFactsMessage(organization: string, questions: number): SlackMessage {
  return plain(
    `The record of ${escapeMrkdwn(organization)} states too few facts for a quiz (${questions} honest ${
      questions === 1 ? 'question' : 'questions'
    }; a quiz needs at least 3). Try a better-documented incident, such as one from \`/breach latest\`.`,
  );
}

/** `/breach quiz <words>` found no single incident. */
export function quizNoIncidentMessage(lead: string): SlackMessage {
  return plain(`${lead} Name one incident, e.g. \`/breach quiz healthec\`.`);
}

export function quizPostedMessage(record: QuizRecord, channelId: string): SlackMessage {
  return plain(
    `Posted quiz ${record.quizId} on ${escapeMrkdwn(record.quiz.organization)} in ${channelMention(channelId)}. ` +
      `You will see the results with its *Results* button, or as a CSV with \`${quizExportCommand(record.quizId)}\`.`,
  );
}

export function quizUnknownMessage(quizId: string): SlackMessage {
  return plain(`I have no quiz ${escapeMrkdwn(quizId)}. Its id is the code under the quiz, such as Q4F7K2MN.`);
}

export function quizResultsSentMessage(record: QuizRecord, answers: number): SlackMessage {
  return plain(
    `I sent you the ${answers === 1 ? 'answer' : `${answers.toLocaleString('en-US')} answers`} to quiz ${record.quizId} as a CSV, in our direct messages. Only you received it.`,
  );
}

export function quizResultsNotSentMessage(): SlackMessage {
  return plain(
    'I could not send you the CSV in a direct message. Please try again in a minute; if it keeps failing, ask an admin to check that breachbot may message you and upload files.',
  );
}

/** The comment on the CSV file, in the trainer's DM. */
export function quizResultsFileComment(record: QuizRecord, respondents: number): string {
  return `Answers to quiz ${record.quizId} on ${escapeMrkdwn(record.quiz.organization)}: ${respondents} ${
    respondents === 1 ? 'person' : 'people'
  }. Names are in this file only: keep it to yourself.`;
}
