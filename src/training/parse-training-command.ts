const TRAINING_ACTIONS = ['on', 'off', 'status', 'preview'] as const;

export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

export type TrainingCommand =
  | { kind: 'training'; action: TrainingAction }
  /** `training` with something missing or unknown: the answer is its usage, with the problem first. */
  | { kind: 'usage'; topic: 'training'; problem: string };

/**
 * `/breach training on|off|status|preview`. Anything that does not start with `training` is not for
 * this parser (undefined) and stays a search.
 */
export function parseTrainingCommand(text: string): TrainingCommand | undefined {
  const words = text.trim().split(/\s+/);
  if (words[0]?.toLowerCase() !== 'training') return undefined;
  const action = words[1]?.toLowerCase();
  const known = TRAINING_ACTIONS.find((candidate) => candidate === action);
  if (known && words.length === 2) return { kind: 'training', action: known };
  return {
    kind: 'usage',
    topic: 'training',
    problem: action
      ? `I don't know \`training ${words.slice(1).join(' ')}\`.`
      : 'Say what to do with the weekly training post.',
  };
}
