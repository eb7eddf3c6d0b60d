import type { Clock } from '../digest/clock.js';
import type { Guidance } from '../guidance/model.js';
import type { Incident } from '../incidents/model.js';
import type { Store } from '../store/store.js';
import { buildQuiz } from '../training/build-quiz.js';
import { newQuizId } from '../training/quiz-id.js';
import { judgeAnswer, tallyQuiz } from '../training/quiz-results.js';
import type { QuizAnswer, QuizRecord } from '../training/records.js';
import type { QuizAnswerReply } from '../views/blocks/quiz-message.js';

export interface QuizServiceDeps {
  store: Store;
  clock: Clock;
  /** The data quizzes are built from now: other incidents and the steps give the wrong answers. */
  data: () => { incidents: readonly Incident[]; guidance: Guidance };
  /** When set, these users may see any quiz's results, as its trainer may. */
  adminUserIds: readonly string[] | undefined;
  newId?: () => string;
}

export type PostQuizResult =
  | { kind: 'created'; record: QuizRecord }
  | { kind: 'too-few-facts'; organization: string; questions: number };

export type QuizResults =
  | { kind: 'unknown-quiz'; quizId: string }
  | { kind: 'refused'; record: QuizRecord }
  | { kind: 'results'; record: QuizRecord; tally: ReturnType<typeof tallyQuiz>; answers: QuizAnswer[] };

/** Ids are random: a clash is a one-in-billions event, retried a few times rather than assumed away. */
const ID_ATTEMPTS = 5;

/** Quizzes people post and answer: building, keeping, judging and counting them. What Slack shows is the views'. */
export class QuizService {
  constructor(private readonly deps: QuizServiceDeps) {}

  /** Builds a quiz on the incident and keeps it, for `channelId`, with `userId` as its trainer. */
  async post(incident: Incident, channelId: string, userId: string): Promise<PostQuizResult> {
    const built = buildQuiz(incident, this.deps.data());
    if (built.kind === 'too-few-facts') {
      return { kind: 'too-few-facts', organization: built.organization, questions: built.questions };
    }
    const newId = this.deps.newId ?? newQuizId;
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const record: QuizRecord = {
        quizId: newId(),
        channelId,
        postedBy: userId,
        createdAt: this.deps.clock.now(),
        quiz: built.quiz,
      };
      if (await this.deps.store.createQuiz(record)) return { kind: 'created', record };
    }
    throw new Error(`could not find a free quiz id in ${ID_ATTEMPTS} attempts`);
  }

  /**
   * Records a person's answer, if it is their first to the question, and says whether they were right.
   * A later click gets the verdict on their first answer: the first one, once shown, is final.
   */
  async answer(request: {
    quizId: string;
    questionIndex: number;
    choice: number;
    userId: string;
  }): Promise<QuizAnswerReply> {
    const { store, clock } = this.deps;
    const record = await store.quiz(request.quizId);
    if (!record) return { kind: 'unknown-quiz' };
    const judged = judgeAnswer(record.quiz, request.questionIndex, request.choice);
    const question = record.quiz.questions[request.questionIndex];
    if (!judged || !question) return { kind: 'bad-choice' };
    const result = await store.recordQuizAnswer({
      quizId: record.quizId,
      questionIndex: request.questionIndex,
      userId: request.userId,
      choice: request.choice,
      correct: judged.correct,
      answeredAt: clock.now(),
    });
    const first = result.recorded ? undefined : result.existing;
    const choice = first?.choice ?? request.choice;
    return {
      kind: 'answered',
      first: result.recorded,
      questionIndex: request.questionIndex,
      choice: question.choices[choice] ?? '',
      correct: first ? first.correct : judged.correct,
      rightChoice: judged.rightChoice,
      explanation: judged.explanation,
      source: judged.source,
    };
  }

  /** The tally and every answer, for the quiz's trainer or an admin only. */
  async results(quizId: string, userId: string): Promise<QuizResults> {
    const record = await this.deps.store.quiz(quizId);
    if (!record) return { kind: 'unknown-quiz', quizId };
    if (!this.maySee(record, userId)) return { kind: 'refused', record };
    const answers = await this.deps.store.quizAnswers(quizId);
    return { kind: 'results', record, tally: tallyQuiz(record.quiz, answers), answers };
  }

  private maySee(record: QuizRecord, userId: string): boolean {
    return record.postedBy === userId || (this.deps.adminUserIds?.includes(userId) ?? false);
  }
}
