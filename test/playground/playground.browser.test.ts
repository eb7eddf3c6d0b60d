import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Playground, startPlayground } from '../../src/playground/start-playground.js';
import { localConfig } from '../support/local-config.js';
import { REPO_ROOT } from '../support/paths.js';
import { answerContextFor, firstCardsDataDir } from '../support/repo-dataset.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.join(REPO_ROOT, 'test-results', 'playground.png');
/** Long enough for a slow CI machine; a passing run takes a fraction of it. */
const WAIT_MS = 10_000;

const hasChromium = existsSync(CHROMIUM);

if (!hasChromium && process.env.CI) {
  describe('the playground in Chromium', () => {
    it('needs Chromium', () => {
      throw new Error(`${CHROMIUM} is missing; CI must install it (apt-get install chromium, as .ci/run does).`);
    });
  });
} else if (!hasChromium) {
  console.warn(`Skipping the playground's browser test: no ${CHROMIUM}. Install it with: apt-get install chromium`);
  describe.skip(`the playground in Chromium (skipped: no ${CHROMIUM}; apt-get install chromium)`, () => {
    it('drives the page', () => {});
  });
} else {
  describe('the playground in Chromium', () => {
    let playground: Playground;
    let browser: BrowserContext;
    let page: Page;
    let dataDir: string;
    let profileDir: string;
    const dialogs: string[] = [];

    beforeAll(async () => {
      dataDir = await firstCardsDataDir();
      playground = await startPlayground({
        config: localConfig(dataDir, REPO_ROOT),
        cwd: REPO_ROOT,
        answerContext: await answerContextFor(dataDir),
      });
      profileDir = await mkdtemp(path.join(os.tmpdir(), 'breachbot-chromium-'));
      // A fresh profile each run (Playwright passes it to Chromium as --user-data-dir).
      browser = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        args: CHROMIUM_ARGS,
        viewport: { width: 1280, height: 860 },
      });
      page = browser.pages()[0] ?? (await browser.newPage());
      page.setDefaultTimeout(WAIT_MS);
      // An alert() would mean a query's markup ran: record it, never let it block.
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(playground.url);
      await page.getByRole('button', { name: '# general' }).waitFor();
    });

    afterAll(async () => {
      await browser?.close();
      await playground?.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(profileDir, { recursive: true, force: true });
    });

    async function send(text: string, composer = '#composer-input'): Promise<void> {
      await page.locator(composer).fill(text);
      await page.locator(composer).press('Enter');
    }

    /** The newest message in the channel whose text contains `text`. */
    function message(text: string, within = '#messages'): Locator {
      return page.locator(`${within} article.message`, { hasText: text }).last();
    }

    it('answers /breach helthec with the HealthEC card, only visible to the person who asked', async () => {
      await send('/breach helthec');
      const card = message('HealthEC LLC');
      await card.waitFor();
      expect(await card.locator('.bk-header').first().textContent()).toBe('HealthEC LLC');
      expect(await card.getAttribute('class')).toContain('message--ephemeral');
      expect(await card.locator('.ephemeral-note').textContent()).toBe('Only visible to you');
      expect(await card.textContent()).toContain('4,786,241');
    });

    /** The newest short card: the message with the card's buttons. */
    function card(): Locator {
      return page
        .locator('#messages article.message', { has: page.getByRole('button', { name: 'Full details' }) })
        .last();
    }

    it('"Protective steps" shows every checklist for the incident, named after it', async () => {
      await card().getByRole('button', { name: 'Protective steps' }).click();
      const steps = message('Get an IRS Identity Protection PIN');
      await steps.waitFor();
      expect(await steps.locator('.bk-header').textContent()).toBe('What to do after the HealthEC LLC breach');
      expect(await steps.textContent()).toContain('Social Security number or taxpayer ID');
    });

    it('"Full details" shows the story, the timeline and the lessons, only to the person who asked', async () => {
      await card().getByRole('button', { name: 'Full details' }).click();
      const full = message('Lessons for staff');
      await full.waitFor();
      expect(await full.getAttribute('class')).toContain('message--ephemeral');
      expect(await full.textContent()).toContain('Timeline');
      expect(await full.textContent()).toContain('What happened');
    });

    it('"Share in channel" posts the public card, shared by the person who clicked', async () => {
      await card().getByRole('button', { name: 'Share in channel' }).click();
      const shared = message('Shared by');
      await shared.waitFor();
      expect(await shared.getAttribute('class')).not.toContain('message--ephemeral');
      expect(await shared.locator('.bk-context').first().textContent()).toBe('Shared by @alex');
      expect(await shared.textContent()).toContain('Lessons for staff');
      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    });

    it('answers a mention in its thread', async () => {
      await send('@breachbot was ARx Patient Solutions hacked?');
      const answer = message('ARx Patient Solutions', '#thread');
      await answer.waitFor();
      expect(await page.locator('#thread article.message').first().textContent()).toContain('@breachbot was ARx');
      await page.getByRole('button', { name: 'Close thread' }).click();
    });

    it('shows markup typed in a query as text, and runs none of it', async () => {
      await send('/breach <img src=x onerror=alert(1)> <script>alert(2)</script>');
      await message('No incident matches').waitFor();
      await send('@breachbot <img src=x onerror=alert(3)>');
      await message('onerror=alert(3)').waitFor();
      expect(await page.locator('#messages img, #messages script, #thread img, #thread script').count()).toBe(0);
      expect(await message('onerror=alert(3)').locator('.message-text').textContent()).toContain(
        '<img src=x onerror=alert(3)>',
      );
      expect(dialogs).toEqual([]);
      await page.getByRole('button', { name: 'Close thread' }).click();
    });

    it('shares a card from the shortcut modal: options from the app, inline errors, then the post', async () => {
      await page.getByRole('button', { name: '# training' }).click();
      await page.getByTitle('Shortcuts').click();
      await page.getByRole('menuitem', { name: /Share incident card/ }).click();
      const modal = page.locator('form.modal');
      await modal.waitFor();
      await modal.getByLabel('Channel').selectOption({ label: '#training' });
      await modal.getByRole('button', { name: 'Share' }).click();
      await modal.locator('.bk-input-error', { hasText: 'Pick an incident' }).waitFor();

      await modal.getByLabel('Incident').pressSequentially('healthec');
      await modal.getByRole('option', { name: /HealthEC LLC/ }).click();
      await modal.getByLabel('Note (optional)').fill('For Monday');
      await modal.getByRole('button', { name: 'Share' }).click();
      await modal.waitFor({ state: 'detached' });
      const shared = message('For Monday');
      await shared.waitFor();
      expect(await shared.textContent()).toContain('HealthEC LLC');
    });

    it('turns the digest on in #security and previews it there, only to the person who asked', async () => {
      await page.getByRole('button', { name: '# security' }).click();
      await send('/breach digest on');
      await message('turned on the weekly breach digest').waitFor();
      await send('/breach digest preview');
      const preview = message('Preview of the digest due');
      await preview.waitFor();
      expect(await preview.getAttribute('class')).toContain('message--ephemeral');
      expect(await preview.locator('.bk-header').first().textContent()).toMatch(/Weekly breach digest|digest/i);
    });

    it('opens the Home tab the app publishes', async () => {
      await page.getByRole('button', { name: 'breachbot' }).click();
      await page.getByRole('tab', { name: 'Home' }).click();
      await page.locator('.home .bk-header', { hasText: 'Latest disclosures' }).waitFor();
      // The digest turned on in #security shows there.
      await page.locator('.home', { hasText: '#security' }).waitFor();
      await page.locator('.home').getByRole('button', { name: 'Show' }).first().click();
      // The card opens over the Home tab, where the person is looking.
      const modal = page.locator('form.modal');
      await modal.waitFor();
      expect(await modal.textContent()).toContain('HealthEC LLC');
      expect(await modal.textContent()).toContain('Lessons for staff');
      await modal.getByRole('button', { name: 'Close' }).first().click();
      await modal.waitFor({ state: 'detached' });
    });

    it('acts as sam once he is picked: his own answers, none of those only for alex', async () => {
      await page.getByLabel('Acting as').selectOption({ label: 'sam' });
      // Sam was on no tab of his own: the Home tab he lands on is published for him.
      await page.locator('.home .bk-header', { hasText: 'Latest disclosures' }).waitFor();
      await page.getByRole('button', { name: '# general' }).click();
      await message('Shared by').waitFor();
      expect(await page.locator('#messages article.message--ephemeral').count()).toBe(0);

      await send('/breach helthec');
      const samsCard = message('HealthEC LLC');
      await samsCard.locator('.ephemeral-note').waitFor();
      const ts = await samsCard.getAttribute('data-ts');

      await page.getByLabel('Acting as').selectOption({ label: 'alex' });
      await page.locator('#messages article.message--ephemeral', { hasText: 'Lessons for staff' }).waitFor();
      expect(await page.locator(`#messages article[data-ts="${ts}"]`).count()).toBe(0);
    });
    it('posts a quiz that two people answer privately, and shows the trainer the results', async () => {
      await page.getByRole('button', { name: '# training' }).click();
      await send('/breach quiz healthec');
      const confirmation = message('Posted quiz');
      await confirmation.waitFor();
      const quizId = /quiz (Q[0-9A-Z]{7})/.exec((await confirmation.textContent()) ?? '')?.[1];
      expect(quizId).toMatch(/^Q/);
      const quiz = page
        .locator('#messages article.message', { hasText: `Quiz ${quizId}` })
        .filter({ has: page.getByRole('button', { name: 'Results (trainer)' }) });
      await quiz.waitFor();
      expect(await quiz.getAttribute('class')).not.toContain('message--ephemeral');

      // Alex answers the first question with its first choice: only Alex sees the verdict.
      const firstQuestion = quiz.locator('.bk-actions').first();
      await firstQuestion.getByRole('button').first().click();
      const alexVerdict = message('Question 1:');
      await alexVerdict.waitFor();
      expect(await alexVerdict.getAttribute('class')).toContain('message--ephemeral');
      expect(await alexVerdict.textContent()).toMatch(/Right|Not quite/);
      expect(await alexVerdict.textContent()).toContain('Source:');

      await page.getByLabel('Acting as').selectOption({ label: 'sam' });
      await page.getByRole('button', { name: '# training' }).click();
      await quiz.waitFor();
      expect(await page.locator('#messages article.message--ephemeral').count()).toBe(0);
      await firstQuestion.getByRole('button').nth(1).click();
      await message('Question 1:').waitFor();
      // Sam did not post the quiz: its results are not his to see.
      await quiz.getByRole('button', { name: 'Results (trainer)' }).click();
      await message('Only the trainer who posted quiz').waitFor();

      await page.getByLabel('Acting as').selectOption({ label: 'alex' });
      await page.getByRole('button', { name: '# training' }).click();
      await quiz.getByRole('button', { name: 'Results (trainer)' }).click();
      const results = message('answered so far');
      await results.waitFor();
      expect(await results.textContent()).toContain('2 people answered so far');
      expect(await results.textContent()).toContain('2 answered');
      expect(await results.textContent()).not.toContain('sam');

      // The CSV, names and all, goes to Alex's direct messages only.
      await send(`/breach quiz results ${quizId}`);
      await message('as a CSV, in our direct messages').waitFor();
      await page.getByRole('button', { name: 'breachbot' }).click();
      await page.getByRole('tab', { name: 'Messages' }).click();
      await page.locator('#messages .file-title', { hasText: `Quiz ${quizId}` }).waitFor();
    });
  });
}
