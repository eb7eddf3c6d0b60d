import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../src/playground/emulator/conversations.js';
import { messageHtml } from '../../../src/playground/render/message-html.js';
import { type ModalScreen, modalHtml } from '../../../src/playground/render/modal-html.js';
import type { MentionNames } from '../../../src/playground/render/mrkdwn-html.js';
import {
  ACTION_SHARE_CHANNEL,
  ACTION_SHARE_INCIDENT,
  ACTION_SHARE_NOTE,
  BLOCK_SHARE_CHANNEL,
  BLOCK_SHARE_INCIDENT,
  BLOCK_SHARE_NOTE,
} from '../../../src/views/blocks/ids.js';
import { shareModalView } from '../../../src/views/blocks/share-modal.js';

const names: MentionNames = { user: () => undefined, channel: () => undefined };

function screen(overrides: Partial<ModalScreen> = {}): ModalScreen {
  return {
    viewId: 'V0MODAL001',
    view: shareModalView() as unknown as Record<string, unknown>,
    errors: {},
    entered: {},
    conversations: [
      { id: 'C0GENERAL1', name: 'general', kind: 'public' },
      { id: 'C0TRAINING', name: 'training', kind: 'public' },
      { id: 'D0ALEX0001', name: 'breachbot', kind: 'im' },
    ],
    currentChannel: 'C0TRAINING',
    ...overrides,
  };
}

describe('modalHtml', () => {
  it('renders the share modal as a form: title, the three inputs, close and submit', () => {
    const html = modalHtml(screen(), names);
    expect(html).toMatch(/^<form class="modal" data-view-id="V0MODAL001" role="dialog"/);
    expect(html).toContain('<h2 id="modal-title">Share incident card</h2>');
    expect(html).toContain(
      `<div class="bk-external-select" data-kind="external" data-block-id="${BLOCK_SHARE_INCIDENT}" data-action-id="${ACTION_SHARE_INCIDENT}" data-min-query-length="1">`,
    );
    expect(html).toContain('placeholder="Type an organisation, state or year"');
    expect(html).toContain(`data-block-id="${BLOCK_SHARE_NOTE}" data-action-id="${ACTION_SHARE_NOTE}" maxlength="500"`);
    expect(html).toContain('<button type="submit" class="bk-button bk-button--primary">Share</button>');
    expect(html).toContain('data-close-view>Cancel</button>');
  });

  it('offers the channels the filter includes, the current one picked (default_to_current_conversation)', () => {
    const html = modalHtml(screen(), names);
    const select = new RegExp(
      `<select[^>]*data-block-id="${BLOCK_SHARE_CHANNEL}" data-action-id="${ACTION_SHARE_CHANNEL}">(.*?)</select>`,
    ).exec(html)?.[1];
    expect(select).toBe(
      '<option value="">Choose a channel</option><option value="C0GENERAL1">#general</option><option value="C0TRAINING" selected>#training</option>',
    );
  });

  it("shows the app's inline errors under their inputs, keeps what was entered, and shows Slack's own problem", () => {
    const html = modalHtml(
      screen({
        errors: { [BLOCK_SHARE_INCIDENT]: 'Pick an incident from the list.' },
        entered: {
          [BLOCK_SHARE_CHANNEL]: { [ACTION_SHARE_CHANNEL]: 'C0GENERAL1' },
          [BLOCK_SHARE_NOTE]: { [ACTION_SHARE_NOTE]: 'For <Monday>' },
          [BLOCK_SHARE_INCIDENT]: { [ACTION_SHARE_INCIDENT]: { text: 'HealthEC "LLC"', value: 'healthec-2023' } },
        },
        problem: 'We had some trouble connecting. Try again?',
      }),
      names,
    );
    expect(html).toContain(`<div class="bk-input bk-input--error" data-block-id="${BLOCK_SHARE_INCIDENT}">`);
    expect(html).toContain('<p class="bk-input-error" role="alert">Pick an incident from the list.</p>');
    expect(html).toContain('<option value="C0GENERAL1" selected>#general</option>');
    expect(html).toContain('>For &lt;Monday&gt;</textarea>');
    expect(html).toContain('data-selected-value="healthec-2023" data-selected-text="HealthEC &quot;LLC&quot;"');
    expect(html).toContain('<p class="modal-problem" role="alert">We had some trouble connecting. Try again?</p>');
  });
});

describe('messageHtml', () => {
  const base: StoredMessage = {
    channel: 'C0GENERAL1',
    ts: '1700000000.000001',
    user: 'U0BOT00001',
    text: 'No incident matches "&lt;script&gt;".',
    replyCount: 0,
    edited: false,
  };
  const render = (message: Partial<StoredMessage>, showReplies = true) =>
    messageHtml(
      { ...base, ...message },
      {
        names,
        author: (id) => (id === 'U0BOT00001' ? { name: 'breachbot', isApp: true } : { name: '<alex>', isApp: false }),
        showReplies,
        timeZone: 'UTC',
      },
    );

  it('marks an ephemeral message "Only visible to you", an app with its badge, and times it', () => {
    const html = render({ visibleTo: 'U0ALEX0001' });
    expect(html).toMatch(
      /^<article class="message message--ephemeral message--app" data-channel="C0GENERAL1" data-ts="1700000000.000001">/,
    );
    expect(html).toContain('<span class="author">breachbot</span><span class="app-badge">APP</span>');
    expect(html).toContain('<time datetime="2023-11-14T22:13:20.000Z">22:13</time>');
    expect(html).toContain('<div class="ephemeral-note">Only visible to you</div>');
  });

  it("shows the text as mrkdwn when there are no blocks, and a parent's replies link only in the channel", () => {
    const html = render({ user: 'U0ALEX0001', replyCount: 2 });
    expect(html).toContain('<div class="message-text">No incident matches &quot;&lt;script&gt;&quot;.</div>');
    expect(html).toContain('<span class="author">&lt;alex&gt;</span>');
    expect(html).toContain(
      '<button type="button" class="thread-link" data-thread-ts="1700000000.000001">2 replies</button>',
    );
    expect(render({ replyCount: 2 }, false)).not.toContain('thread-link');
    expect(render({ blocks: [{ type: 'divider', block_id: 'x' }] })).toContain(
      '<div class="message-body"><hr class="bk-divider"></div>',
    );
  });

  it('shows a shared file as a download link named by its title, everything about it escaped', () => {
    const file = {
      id: 'F0RESULTS1',
      name: 'a"b<c>.csv',
      title: '"><img src=x onerror=alert(1)>',
      mimetype: 'text/csv',
      filetype: 'csv',
      prettyType: 'CSV',
      size: 2048,
      user: 'U0BOT00001',
      created: 1_700_000_000,
      isPublic: false,
      urlPrivate: 'http://127.0.0.1:1/files-pri/T-F0RESULTS1/x',
      urlPrivateDownload: 'http://127.0.0.1:1/files-pri/T-F0RESULTS1/download/x',
      permalink: 'https://example.slack.com/files/x',
    };
    const html = messageHtml(
      { ...base, text: '', files: [file] },
      {
        names,
        author: () => ({ name: 'breachbot', isApp: true }),
        showReplies: true,
        fileHref: () => '/files/x?as=y&z',
      },
    );
    expect(html).toContain(
      '<div class="message-body"><div class="message-files"><div class="file" data-file-id="F0RESULTS1">' +
        '<span class="file-icon" aria-hidden="true">CSV</span><div class="file-main">' +
        '<a class="file-title" href="/files/x?as=y&amp;z" download="a&quot;b&lt;c&gt;.csv">' +
        '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</a>' +
        '<div class="file-meta">a&quot;b&lt;c&gt;.csv · CSV · 2.0 KB</div></div></div></div></div>',
    );
    expect(html).not.toContain('<img');
    expect(render({ files: [file] })).toContain('<span class="file-title">&quot;&gt;&lt;img');
  });
});
