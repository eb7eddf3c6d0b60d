import { describe, expect, it } from 'vitest';
import { parseTrainingCommand } from '../../src/training/parse-training-command.js';

describe('parseTrainingCommand', () => {
  it('reads on, off, status and preview, in any case and spacing', () => {
    expect(parseTrainingCommand('training on')).toEqual({ kind: 'training', action: 'on' });
    expect(parseTrainingCommand('  Training   OFF ')).toEqual({ kind: 'training', action: 'off' });
    expect(parseTrainingCommand('training status')).toEqual({ kind: 'training', action: 'status' });
    expect(parseTrainingCommand('TRAINING preview')).toEqual({ kind: 'training', action: 'preview' });
  });

  it('answers anything else after `training` with its usage and the problem', () => {
    expect(parseTrainingCommand('training')).toEqual({
      kind: 'usage',
      topic: 'training',
      problem: 'Say what to do with the weekly training post.',
    });
    expect(parseTrainingCommand('training weekly')).toEqual({
      kind: 'usage',
      topic: 'training',
      problem: "I don't know `training weekly`.",
    });
    expect(parseTrainingCommand('training on now')).toMatchObject({
      kind: 'usage',
      problem: "I don't know `training on now`.",
    });
  });

  it('leaves anything that does not start with `training` to the search', () => {
    expect(parseTrainingCommand('trainings on')).toBeUndefined();
    expect(parseTrainingCommand('hipaa training breach')).toBeUndefined();
    expect(parseTrainingCommand('digest on')).toBeUndefined();
    expect(parseTrainingCommand('')).toBeUndefined();
  });
});
