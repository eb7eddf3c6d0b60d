import type { InputBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { shareFailedText } from '../../../src/views/blocks/channel-problem.js';
import {
  ACTION_SHARE_CHANNEL,
  ACTION_SHARE_INCIDENT,
  ACTION_SHARE_NOTE,
  BLOCK_SHARE_CHANNEL,
  BLOCK_SHARE_INCIDENT,
  BLOCK_SHARE_NOTE,
  VIEW_SHARE,
} from '../../../src/views/blocks/ids.js';
import { checkOptions } from '../../../src/views/blocks/limits.js';
import {
  checkShareSubmission,
  incidentOptionLabel,
  incidentOptions,
  NOTE_MAX_LENGTH,
  readShareSubmission,
  shareModalView,
} from '../../../src/views/blocks/share-modal.js';
import { makeIncident } from '../../support/incident-factory.js';
import { expectWithinLimits, giantIncident } from './fixtures.js';

describe('shareModalView', () => {
  it('asks for the incident (external select), the channel and an optional note', () => {
    const view = shareModalView();
    expectWithinLimits(view);
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: VIEW_SHARE,
      title: { text: 'Share incident card' },
      submit: { text: 'Share' },
    });
    const [incident, channel, note] = view.blocks as InputBlock[];
    expect(incident).toMatchObject({
      block_id: BLOCK_SHARE_INCIDENT,
      element: { type: 'external_select', action_id: ACTION_SHARE_INCIDENT, min_query_length: 1 },
    });
    expect(channel).toMatchObject({
      block_id: BLOCK_SHARE_CHANNEL,
      element: {
        type: 'conversations_select',
        action_id: ACTION_SHARE_CHANNEL,
        default_to_current_conversation: true,
        filter: { include: ['public', 'private'] },
      },
    });
    expect(note).toMatchObject({
      block_id: BLOCK_SHARE_NOTE,
      optional: true,
      element: { type: 'plain_text_input', action_id: ACTION_SHARE_NOTE, multiline: true, max_length: NOTE_MAX_LENGTH },
    });
  });

  it('preselects an incident when asked', () => {
    const view = shareModalView({ initialIncidentId: 'healthec-2023', initialLabel: 'HealthEC LLC (2023, NJ)' });
    expectWithinLimits(view);
    expect(view.blocks[0]).toMatchObject({
      element: { initial_option: { text: { text: 'HealthEC LLC (2023, NJ)' }, value: 'healthec-2023' } },
    });
  });
});

describe('incidentOptions', () => {
  it('labels each option with the organisation, year and state, valued by id', () => {
    const incident = makeIncident({
      organization: 'HealthEC LLC',
      id: 'healthec-2023',
      disclosed: '2023-12-21',
      state: 'NJ',
    });
    expect(incidentOptions([{ incident, score: 1 }])).toEqual({
      options: [{ text: { type: 'plain_text', text: 'HealthEC LLC (2023, NJ)', emoji: true }, value: 'healthec-2023' }],
    });
  });

  it('keeps at most 100 options within the text and value limits, dropping ids too long to be values', () => {
    const hits = Array.from({ length: 200 }, (_, index) => ({
      incident: giantIncident({ id: `giant-${index}` }),
      score: 1,
    }));
    const tooLong = giantIncident({ id: `x${'-y'.repeat(100)}` });
    const { options } = incidentOptions([{ incident: tooLong, score: 1 }, ...hits, ...hits]);
    expect(options).toHaveLength(100);
    expect(options[0]?.value).toBe('giant-0');
    expect(checkOptions(options)).toEqual([]);
    expect(incidentOptionLabel(giantIncident())).toMatch(/… \(2024, NJ\)$/);
  });
});

describe('readShareSubmission', () => {
  it('reads the incident, channel and trimmed note', () => {
    expect(
      readShareSubmission({
        [BLOCK_SHARE_INCIDENT]: { [ACTION_SHARE_INCIDENT]: { selected_option: { value: 'healthec-2023' } } },
        [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: { selected_conversation: 'C123' } },
        [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: { value: '  why  ' } },
      }),
    ).toEqual({ incidentId: 'healthec-2023', channel: 'C123', note: 'why' });
    expect(readShareSubmission({ [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: { value: '   ' } } })).toEqual({
      incidentId: undefined,
      channel: undefined,
      note: undefined,
    });
  });

  it('takes only a conversation id as the channel: it goes into a Web API call and into <#…>', () => {
    const channelOf = (selected: string) =>
      readShareSubmission({ [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: { selected_conversation: selected } } })
        .channel;
    expect(channelOf('G0PRIVATE01')).toBe('G0PRIVATE01');
    expect(channelOf('D0DIRECT01')).toBe('D0DIRECT01');
    for (const forged of ['C1>|<!channel', '<!here>', 'general', 'U0PERSON01', ''])
      expect(channelOf(forged)).toBeUndefined();
  });
});

describe('checkShareSubmission', () => {
  const values = (incidentId: string | undefined, channel: string | undefined, note?: string) => ({
    [BLOCK_SHARE_INCIDENT]: { [ACTION_SHARE_INCIDENT]: { selected_option: incidentId ? { value: incidentId } : null } },
    [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: { selected_conversation: channel ?? null } },
    [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: { value: note ?? null } },
  });
  const incidents: Record<string, string> = { 'healthec-2023': 'HealthEC' };
  const find = (id: string) => incidents[id];

  it('gives what to share where, with the note', () => {
    expect(checkShareSubmission(values('healthec-2023', 'C123', ' read this '), find)).toEqual({
      incident: 'HealthEC',
      channel: 'C123',
      note: 'read this',
    });
  });

  it('names each missing or bad input next to it', () => {
    expect(checkShareSubmission(values('gone-2020', undefined), find)).toEqual({
      errors: {
        [BLOCK_SHARE_INCIDENT]: 'Pick an incident from the list.',
        [BLOCK_SHARE_CHANNEL]: 'Pick a channel to share in.',
      },
    });
    expect(checkShareSubmission(values('healthec-2023', 'C123', 'x'.repeat(NOTE_MAX_LENGTH + 1)), find)).toEqual({
      errors: { [BLOCK_SHARE_NOTE]: `Keep the note under ${NOTE_MAX_LENGTH} characters.` },
    });
  });
});

describe('shareFailedText', () => {
  it('names the incident escaped, the channel, and what to do', () => {
    expect(shareFailedText('<!channel> & Co', 'C123', 'not_in_channel')).toBe(
      "I could not share the card for &lt;!channel&gt; &amp; Co in <#C123>. I'm not in that channel yet. Invite me with `/invite @breachbot` there, then share it again.",
    );
  });
});
