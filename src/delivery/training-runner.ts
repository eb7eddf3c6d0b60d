import { stepsForIncident } from '../answer/protective-steps.js';
import type { ProtectiveSteps } from '../answer/types.js';
import type { Clock } from '../digest/clock.js';
import type { DigestPeriod } from '../digest/digest-period.js';
import type { DigestSchedule } from '../digest/digest-schedule.js';
import type { Guidance } from '../guidance/model.js';
import type { Incident } from '../incidents/model.js';
import type { Store } from '../store/store.js';
import {
  explainTrainingChoice,
  pickTrainingIncident,
  type QuizBuilder,
  quizBuilder,
  TRAINING_RECENT_DAYS,
  TRAINING_REPEAT_DAYS,
  type TrainingPickInput,
} from '../training/pick-training-incident.js';
import { trainingQuizId } from '../training/quiz-id.js';
import { type QuizRecord, TRAINING_KEY_PREFIX } from '../training/records.js';
import type { PlannedTraining, TrainingPlan } from '../training/training-command-outcome.js';
import type { SlackMessage } from '../views/blocks/answer-message.js';
import { trainingReasonText } from '../views/blocks/training-admin.js';
import { type TrainingPostInput, trainingPostMessage } from '../views/blocks/training-post.js';
import { ChannelPacer } from './channel-pacer.js';
import { type ChannelOutcome, type DeliveryLogger, type DigestPoster, deliverDigest } from './deliver-digest.js';
import { DELIVERY_LEASE_MS, type DeliveryAudience } from './digest-runner.js';

const DAY_MS = 86_400_000;

export interface TrainingRunnerDeps {
  incidents: readonly Incident[];
  guidance: Guidance;
  store: Store;
  /** TRAINING_CRON in DIGEST_TZ. */
  schedule: DigestSchedule;
  clock: Clock;
  instanceId: string;
  logger: DeliveryLogger;
  /** Absent where nothing is posted. */
  poster?: DigestPoster;
  leaseMs?: number;
  /** The real quiz builder unless a test gives another. */
  buildQuiz?: QuizBuilder;
  /** The post's view (default `trainingPostMessage`); a test may give one that shows what it was given. */
  render?: (input: TrainingPostInput) => SlackMessage;
}

export interface TrainingRun {
  fire: Date;
  period: DigestPeriod;
  /** Undefined when nobody is subscribed (nothing was picked) or no incident qualifies. */
  planned: PlannedTraining | undefined;
  outcomes: ChannelOutcome[];
}

/** The key a channel's training post of a period is delivered under, apart from the digest's. */
export function trainingDeliveryKey(period: Pick<DigestPeriod, 'key'>): string {
  return `${TRAINING_KEY_PREFIX}${period.key}`;
}

/**
 * The weekly training post: picks the period's incident once for every instance (a pick claimed in
 * the store), builds its quiz, and delivers it to each subscribed channel through the digest's
 * delivery, each channel with a quiz of its own that the store keeps before the post goes out.
 */
export class TrainingRunner {
  private readonly pacer: ChannelPacer;
  private data: { incidents: readonly Incident[]; guidance: Guidance };

  constructor(private readonly deps: TrainingRunnerDeps) {
    this.pacer = new ChannelPacer(deps.clock);
    this.data = { incidents: deps.incidents, guidance: deps.guidance };
  }

  /** Posts made from now on use this data: a sync brought a newer list. */
  replaceData(data: { incidents: readonly Incident[]; guidance: Guidance }): void {
    this.data = data;
  }

  get schedule(): DigestSchedule {
    return this.deps.schedule;
  }

  get timeZone(): string {
    return this.deps.schedule.timeZone;
  }

  nextRun(): Date | undefined {
    return this.deps.schedule.nextFireAfter(new Date(this.deps.clock.now()));
  }

  /** The steps a post shows for the incident, as a card shows them. */
  stepsFor(incident: Incident): ProtectiveSteps {
    return stepsForIncident(this.data.guidance, incident);
  }

  /**
   * What the fire posts: the period's recorded pick if a run made one, otherwise what a run would pick
   * now. Records nothing: for status and previews.
   */
  async plan(fire: Date): Promise<TrainingPlan> {
    const period = this.deps.schedule.periodFor(fire);
    const { input, claimedId } = await this.pickInput(fire, period);
    if (claimedId !== undefined) return { period, planned: this.resolve(claimedId, input, true) };
    const choice = pickTrainingIncident(input);
    return { period, planned: choice && { ...choice, claimed: false } };
  }

  /**
   * Delivers the fire's training post to the channels subscribed to it (by the fire, or all) that
   * have not had it. Safe to repeat, on any instance: the pick, each quiz and each post are claimed
   * or inserted once in the store.
   */
  async deliver(fire: Date, audience: DeliveryAudience): Promise<TrainingRun> {
    const { poster, store, clock, logger } = this.deps;
    if (!poster) throw new Error('this training runner has no Slack connection to post with');
    const period = this.deps.schedule.periodFor(fire);
    const subscriptions = (await store.trainingSubscriptions()).filter(
      (subscription) => audience === 'all-subscribed' || subscription.subscribedAt <= fire.getTime(),
    );
    // No pick without a channel: a pick nobody saw would still keep its incident out for a year.
    if (subscriptions.length === 0) return { fire, period, planned: undefined, outcomes: [] };
    const planned = await this.claim(fire, period);
    if (!planned) {
      logger.info(`training: no incident qualifies for ${period.key}; nothing is posted`, {
        channels: subscriptions.length,
      });
      return { fire, period, planned: undefined, outcomes: [] };
    }
    const trainers = new Map(subscriptions.map((subscription) => [subscription.channelId, subscription.subscribedBy]));
    const steps = this.stepsFor(planned.incident);
    const render = this.deps.render ?? trainingPostMessage;
    const reason = trainingReasonText(planned.reason);
    const outcomes = await deliverDigest(
      {
        store,
        poster,
        clock,
        pacer: this.pacer,
        instanceId: this.deps.instanceId,
        leaseMs: this.deps.leaseMs ?? DELIVERY_LEASE_MS,
        logger,
      },
      {
        period: { key: trainingDeliveryKey(period) },
        message: async (channelId) => {
          const record = await this.keepQuiz({
            quizId: trainingQuizId(channelId, period.key),
            channelId,
            postedBy: trainers.get(channelId) ?? '',
            createdAt: clock.now(),
            quiz: planned.quiz,
          });
          return render({ incident: planned.incident, steps, record, reason });
        },
        channelIds: [...trainers.keys()],
        postedNoEarlierThan: fire.getTime(),
        label: 'training',
      },
    );
    return { fire, period, planned, outcomes };
  }

  /**
   * The quiz as the store keeps it: a retry, or another instance, may have stored it first, and the
   * post must show the questions that answers are judged against.
   */
  private async keepQuiz(record: QuizRecord): Promise<QuizRecord> {
    if (await this.deps.store.createQuiz(record)) return record;
    return (await this.deps.store.quiz(record.quizId)) ?? record;
  }

  /** The period's incident, the same on every instance: the first to claim it chooses it. */
  private async claim(fire: Date, period: DigestPeriod): Promise<PlannedTraining | undefined> {
    const { input, claimedId } = await this.pickInput(fire, period);
    if (claimedId !== undefined) return this.resolve(claimedId, input, true);
    const choice = pickTrainingIncident(input);
    if (!choice) return undefined;
    const claimed = await this.deps.store.claimTrainingPick({
      periodKey: period.key,
      incidentId: choice.incident.id,
      pickedAt: this.deps.clock.now(),
    });
    if (claimed.incidentId === choice.incident.id) return { ...choice, claimed: true };
    return this.resolve(claimed.incidentId, input, true);
  }

  /**
   * An incident picked already, looked up in the current data. Throws when this instance cannot post
   * it (its data lacks it, or states too little for a quiz): the scheduler retries, by when the lists
   * another instance shared may have arrived.
   */
  private resolve(incidentId: string, input: TrainingPickInput, claimed: boolean): PlannedTraining {
    const incident = input.incidents.find((candidate) => candidate.id === incidentId);
    if (!incident) throw new Error(`training: the incident picked for this period (${incidentId}) is not in the data`);
    const quiz = quizBuilder(input)(incident);
    if (!quiz) throw new Error(`training: the incident picked for this period (${incidentId}) gives no quiz`);
    return { incident, quiz, reason: explainTrainingChoice(incident, input), claimed };
  }

  /** What a pick for the fire is made from, and the period's recorded pick if there is one. */
  private async pickInput(
    fire: Date,
    period: DigestPeriod,
  ): Promise<{ input: TrainingPickInput; claimedId: string | undefined }> {
    const { store, schedule } = this.deps;
    const today = schedule.dayOf(fire);
    const since = new Date(Date.parse(`${today}T00:00:00Z`) - TRAINING_RECENT_DAYS * DAY_MS).toISOString().slice(0, 10);
    const [picks, watchlist, asked] = await Promise.all([
      store.trainingPicks(fire.getTime() - TRAINING_REPEAT_DAYS * DAY_MS),
      store.watchlist(),
      store.askedDataTypes(since),
    ]);
    const claimedId = picks.find((pick) => pick.periodKey === period.key)?.incidentId;
    const input: TrainingPickInput = {
      incidents: this.data.incidents,
      guidance: this.data.guidance,
      today,
      watchlist: watchlist.map((vendor) => vendor.name),
      asked,
      pickedRecently: picks.filter((pick) => pick.periodKey !== period.key).map((pick) => pick.incidentId),
      ...(this.deps.buildQuiz && { buildQuiz: this.deps.buildQuiz }),
    };
    return { input, claimedId };
  }
}
