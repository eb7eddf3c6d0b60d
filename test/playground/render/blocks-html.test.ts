import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerContext, answerQuery } from '../../../src/answer/answer-query.js';
import { stepsForIncident } from '../../../src/answer/protective-steps.js';
import { blocksHtml } from '../../../src/playground/render/blocks-html.js';
import type { MentionNames } from '../../../src/playground/render/mrkdwn-html.js';
import { answerMessage, fullDetailsMessage } from '../../../src/views/blocks/answer-message.js';
import { appHomeView } from '../../../src/views/blocks/app-home.js';
import {
  ACTION_FULL_DETAILS,
  ACTION_QUIZ,
  ACTION_SHARE,
  ACTION_SHOW,
  ACTION_STEPS,
} from '../../../src/views/blocks/ids.js';
import { sharedCardMessage } from '../../../src/views/blocks/shared-card.js';
import { makeIncident } from '../../support/incident-factory.js';
import { firstCardsAnswerContext } from '../../support/repo-dataset.js';

const names: MentionNames = {
  user: (id) => (id === 'U0ALEX0001' ? 'alex' : undefined),
  channel: () => undefined,
};

let context: AnswerContext;
beforeAll(async () => {
  context = await firstCardsAnswerContext();
});

/** Slack gives every block an id when a message is posted; the emulator does the same. */
function posted(blocks: readonly object[]): Record<string, unknown>[] {
  return blocks.map((block, index) => ({ block_id: `b${index}`, ...block }));
}

const render = (blocks: readonly object[]) => blocksHtml(posted(blocks), names);
const count = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].length;

describe('blocksHtml over what the app sends', () => {
  it('renders the short card: the answer, header, context, fields, sources and the three buttons', () => {
    const answer = answerQuery('helthec', context);
    const { blocks } = answerMessage(answer);
    const html = render(blocks);
    expect(html).toMatch(
      /^<div class="bk-section"><div class="bk-section-body"><div class="bk-section-text"><b>HealthEC LLC, a business associate/,
    );
    expect(html).toContain('<div class="bk-header">HealthEC LLC</div>');
    expect(html).toMatch(/<div class="bk-context"><span class="bk-context-text">Business associate/);
    expect(count(html, /<div class="bk-field">/g)).toBeGreaterThanOrEqual(4);
    expect(html).toContain('<div class="bk-field"><b>How many</b><br>4,786,241 people');
    if (answer.kind !== 'incident') throw new Error(`expected an incident, got ${answer.kind}`);
    const full = render(fullDetailsMessage(answer).blocks);
    expect(full).toContain('<b>What happened</b><br>HealthEC, a New Jersey company');
    expect(full).toContain('<div class="bk-field"><b>Who and how many</b><br>4,786,241 people');
    expect(full).toContain('<hr class="bk-divider">');
    expect(html).toMatch(
      /<a href="https:\/\/ocrportal\.hhs\.gov\/[^"]*" target="_blank" rel="noopener noreferrer">HHS OCR/,
    );
    const actions = /<div class="bk-actions">(.*?)<\/div>/.exec(html)?.[1] ?? '';
    const blockId = /data-block-id="(b\d+)"/.exec(actions)?.[1];
    expect(actions).toBe(
      `<button type="button" class="bk-button" data-block-id="${blockId}" data-action-id="${ACTION_FULL_DETAILS}">Full details</button>` +
        `<button type="button" class="bk-button bk-button--primary" data-block-id="${blockId}" data-action-id="${ACTION_SHARE}">Share in channel</button>` +
        `<button type="button" class="bk-button" data-block-id="${blockId}" data-action-id="${ACTION_STEPS}">Protective steps</button>`,
    );
  });

  it('renders a list with a "Show" accessory button on each line', () => {
    const { blocks } = answerMessage(answerQuery('latest', context));
    const html = render(blocks);
    expect(count(html, new RegExp(`data-action-id="${ACTION_SHOW}">Show</button>`, 'g'))).toBe(2);
    expect(html).toMatch(
      /<div class="bk-section"><div class="bk-section-body">.*?<\/div><div class="bk-accessory"><button/,
    );
  });

  it('renders the stats chart as a code block and the steps checklist with its sources', () => {
    expect(render(answerMessage(answerQuery('stats 2023', context)).blocks)).toContain('<pre class="mrkdwn-pre">');
    const steps = render(answerMessage(answerQuery('steps ssn', context)).blocks);
    expect(steps).toMatch(/^<div class="bk-header">What to do: Social Security numbers/);
    expect(steps).toContain('IRS: Get an Identity Protection PIN</a>');
  });

  it('renders the shared card with who shared it, the quoted note, lessons, the question and the quiz button', () => {
    const incident = context.dataset.incidents.find((candidate) => candidate.id === 'healthec-2023');
    if (!incident) throw new Error('the first cards must include HealthEC');
    const message = sharedCardMessage(incident, stepsForIncident(context.dataset.guidance, incident), {
      sharedBy: 'U0ALEX0001',
      note: 'For Monday\n<!here> read this',
    });
    const html = render(message.blocks);
    expect(html).toMatch(
      /^<div class="bk-context"><span class="bk-context-text">Shared by <span class="mention mention--user">@alex<\/span>/,
    );
    expect(html).toContain('<blockquote>For Monday<br>&lt;!here&gt; read this</blockquote>');
    expect(html).toContain('<b>Lessons for staff</b>');
    expect(html).toContain('<b>To discuss</b>');
    expect(count(html, /class="bk-button/g)).toBe(1);
    expect(html).toContain(`data-action-id="${ACTION_QUIZ}">Quiz the channel on this</button>`);
  });

  it('renders the App Home tab', () => {
    const view = appHomeView({
      latest: context.dataset.incidents,
      digestChannels: ['C0SECURITY'],
      watchlist: ['HealthEC'],
      dataAsOf: [{ origin: 'hhs-ocr', asOf: '2026-07-01' }],
    });
    const html = render(view.blocks);
    expect(count(html, /<div class="bk-header">/g)).toBe(4);
    expect(html).toContain('<span class="mention mention--channel">#C0SECURITY</span>');
  });

  it('escapes hostile dataset text everywhere it shows', () => {
    const evil = '<img src=x onerror=alert(1)> <script>alert(2)</script> <!channel>';
    const incident = makeIncident({
      organization: `Evil ${evil}`,
      summary: `Summary ${evil}`,
      lessons: [`Lesson ${evil}`],
      sources: [{ title: `Source ${evil}`, url: 'https://example.com/a"onmouseover="alert(3)' }],
      discussionQuestion: `Question ${evil}?`,
    });
    const steps = stepsForIncident(context.dataset.guidance, incident);
    const html = [
      render(
        answerMessage({ kind: 'incident', query: evil, match: { incident, score: 1 }, alternatives: [], steps }).blocks,
      ),
      render(sharedCardMessage(incident, steps, { sharedBy: 'U0ALEX0001' }).blocks),
      render(answerMessage(answerQuery(evil, context)).blocks),
    ].join('');
    expect(html).not.toMatch(/<(img|script)\b|onmouseover="|mention--broadcast/i);
    expect(html).toContain(
      'Evil &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(2)&lt;/script&gt; &lt;!channel&gt;',
    );
    expect(html).toContain('Source &lt;img src=x');
  });
});

describe('blocksHtml over any Block Kit', () => {
  it('renders an image block with its title, and an accessory or context image, from http(s) only', () => {
    const html = render([
      {
        type: 'image',
        image_url: 'https://example.com/chart.png',
        alt_text: 'A "chart"',
        title: { type: 'plain_text', text: 'Trend' },
      },
      { type: 'context', elements: [{ type: 'image', image_url: 'https://example.com/i.png', alt_text: 'icon' }] },
      { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'forged' },
    ]);
    expect(html).toContain(
      '<figure class="bk-image"><figcaption>Trend</figcaption><img class="bk-image-content" src="https://example.com/chart.png" alt="A &quot;chart&quot;" loading="lazy" referrerpolicy="no-referrer"></figure>',
    );
    expect(html).toContain('<img class="bk-element-image" src="https://example.com/i.png" alt="icon"');
    expect(html).toContain('<span class="bk-image-content bk-image-missing">forged</span>');
    expect(html).not.toContain('javascript:');
  });

  it('keeps a link button a link (http only), escapes ids, and names what it cannot draw', () => {
    const html = render([
      {
        type: 'actions',
        block_id: 'a"b',
        elements: [
          {
            type: 'button',
            action_id: 'open"x',
            text: { type: 'plain_text', text: '<Open>' },
            url: 'https://example.com',
          },
          { type: 'button', action_id: 'x', text: { type: 'plain_text', text: 'Bad' }, url: 'javascript:alert(1)' },
          { type: 'datepicker', action_id: 'd' },
        ],
      },
      { type: 'rich_text', elements: [] },
      { type: 'section', text: { type: 'plain_text', text: '*not bold* <b>' } },
    ]);
    expect(html).toContain(
      '<a class="bk-button" href="https://example.com/" target="_blank" rel="noopener noreferrer" data-block-id="a&quot;b" data-action-id="open&quot;x">&lt;Open&gt;</a>',
    );
    expect(html).toContain(
      '<button type="button" class="bk-button" data-block-id="a&quot;b" data-action-id="x">Bad</button>',
    );
    expect(html).toContain('<span class="bk-unsupported">[datepicker]</span>');
    expect(html).toContain('<span class="bk-unsupported">[rich_text block]</span>');
    expect(html).toContain('<div class="bk-section-text">*not bold* &lt;b&gt;</div>');
  });
});
