import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FILE_MAX_BYTES } from '../../../src/playground/emulator/files.js';
import { FILE_UPLOAD, type SlackEmulator } from '../../../src/playground/emulator/web-api-server.js';
import { startCheckedEmulator } from '../../support/checked-emulator.js';
import { silentLogger } from '../../support/silent-logger.js';

const BOT_TOKEN = 'xoxb-1-files-test';
const ALEX = 'U0ALEX0001';
const SAM = 'U0SAM00002';
const GENERAL = 'C0GENERAL1';
const CSV = 'question,alex,sam\nWhat is phishing?,right,wrong\n';

let emulator: SlackEmulator;
let client: WebClient;

beforeEach(async () => {
  emulator = await startCheckedEmulator({
    botToken: BOT_TOKEN,
    channels: {
      [GENERAL]: { visibility: 'public', name: 'general' },
      C0NOTJOIN1: { visibility: 'public', name: 'elsewhere', isMember: false },
      C0PRIVATE1: { visibility: 'private', isMember: false },
    },
    unknownChannels: 'not_found',
    users: { [ALEX]: { name: 'alex', realName: 'Alex' }, [SAM]: { name: 'sam', realName: 'Sam' } },
    unknownUsers: 'not_found',
  });
  // Refusals carry the emulator's reasons, which the client logs as errors.
  client = new WebClient(BOT_TOKEN, { slackApiUrl: emulator.url, retryConfig: { retries: 0 }, logger: silentLogger });
});

afterEach(async () => {
  await emulator.close();
});

async function slackError(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return (error as { data?: { error?: unknown } }).data?.error;
  }
  throw new Error('expected the call to fail');
}

/** The first two steps of filesUploadV2 by hand: a URL for `bytes`, and (unless told not to) the bytes posted to it. */
async function startUpload(bytes: Buffer, { post = true } = {}): Promise<{ fileId: string; uploadUrl: string }> {
  const got = await client.files.getUploadURLExternal({ filename: 'notes.txt', length: bytes.length });
  const uploadUrl = String(got.upload_url);
  if (post) expect((await fetch(uploadUrl, { method: 'POST', body: new Uint8Array(bytes) })).status).toBe(200);
  return { fileId: String(got.file_id), uploadUrl };
}

describe('conversations.open', () => {
  it("opens the bot's DM with one person, by user id or by the DM's id", async () => {
    expect(await client.conversations.open({ users: SAM })).toMatchObject({ ok: true, channel: { id: 'D0SAM00002' } });
    expect(await client.conversations.open({ channel: 'D0ALEX0001' })).toMatchObject({
      channel: { id: 'D0ALEX0001' },
    });
    const full = await client.conversations.open({ users: SAM, return_im: true });
    expect(full.channel).toMatchObject({ id: 'D0SAM00002', is_im: true, user: SAM });
    expect(emulator.callsTo('conversations.open').map((call) => call.args.users)).toEqual([SAM, undefined, SAM]);
  });

  it('refuses a person who is not in the workspace, no one, or a DM channel of no one', async () => {
    expect(await slackError(client.conversations.open({ users: 'U0NOBODY01' }))).toBe('user_not_found');
    expect(await slackError(client.apiCall('conversations.open', {}))).toBe('users_list_not_supplied');
    expect(await slackError(client.conversations.open({ channel: 'D0NOBODY01' }))).toBe('channel_not_found');
    expect(await slackError(client.conversations.open({ channel: GENERAL }))).toBe('channel_not_found');
  });

  it('knows the second person for users.info', async () => {
    const { user } = await client.users.info({ user: SAM });
    expect(user).toMatchObject({ id: SAM, name: 'sam', real_name: 'Sam' });
  });
});

describe('filesUploadV2 into a DM', () => {
  it('shares the CSV in the DM with its comment, and the bytes come back from the file URL', async () => {
    const dm = await client.conversations.open({ users: ALEX });
    const channelId = String(dm.channel?.id);

    const result = await client.filesUploadV2({
      channel_id: channelId,
      file: Buffer.from(CSV),
      filename: 'quiz-results.csv',
      title: 'Quiz results',
      initial_comment: 'Here are the results of your quiz',
    });

    const [completion] = result.files as { files?: { id?: string; title?: string }[] }[];
    const fileId = String(completion?.files?.[0]?.id);
    expect(completion?.files?.[0]).toMatchObject({ id: expect.stringMatching(/^F/), title: 'Quiz results' });

    const [message] = (await client.conversations.history({ channel: channelId })).messages ?? [];
    expect(message).toMatchObject({
      user: emulator.workspace.botUserId,
      text: 'Here are the results of your quiz',
      files: [
        {
          id: fileId,
          name: 'quiz-results.csv',
          title: 'Quiz results',
          mimetype: 'text/csv',
          filetype: 'csv',
          size: Buffer.byteLength(CSV),
        },
      ],
    });

    const url = String(message?.files?.[0]?.url_private_download);
    const download = await fetch(url, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="quiz-results.csv"/);
    expect(await download.text()).toBe(CSV);
    expect((await fetch(url)).status).toBe(403);
    expect(emulator.files.get(fileId)?.bytes?.toString('utf8')).toBe(CSV);
  });

  it('records each step: the URL asked for, the upload, the completion', async () => {
    await client.filesUploadV2({ channel_id: 'D0SAM00002', content: CSV, filename: 'quiz-results.csv' });

    const [asked] = emulator.callsTo('files.getUploadURLExternal');
    expect(asked?.args).toMatchObject({ filename: 'quiz-results.csv', length: String(Buffer.byteLength(CSV)) });
    const fileId = (asked?.response as { file_id?: string } | undefined)?.file_id;
    expect(emulator.fileUploads).toEqual([
      expect.objectContaining({ fileId, size: Buffer.byteLength(CSV), status: 200 }),
    ]);
    expect(emulator.callsTo('files.completeUploadExternal')[0]?.args).toMatchObject({
      channel_id: 'D0SAM00002',
      files: [{ id: fileId, title: 'quiz-results.csv' }],
    });
    expect(emulator.conversations.timeline('D0SAM00002', SAM)[0]?.files?.[0]?.id).toBe(fileId);
  });

  it('shares in a public channel, or as a reply in a thread', async () => {
    const parent = await client.chat.postMessage({ channel: GENERAL, text: 'Quiz time' });
    await client.filesUploadV2({
      channel_id: GENERAL,
      thread_ts: String(parent.ts),
      content: 'a,b\n',
      filename: 'answers.csv',
    });
    const [reply] = emulator.conversations.thread(GENERAL, String(parent.ts), ALEX).slice(1);
    expect(reply?.files?.[0]).toMatchObject({ name: 'answers.csv', isPublic: true });
    expect(emulator.conversations.find(GENERAL, String(parent.ts))?.replyCount).toBe(1);
  });

  it('fails the upload when the upload URL fails', async () => {
    emulator.inject(FILE_UPLOAD, { status: 500 });
    await expect(client.filesUploadV2({ channel_id: 'D0ALEX0001', content: CSV, filename: 'r.csv' })).rejects.toThrow();
    expect(emulator.fileUploads.map((upload) => upload.status)).toEqual([500]);
    expect(emulator.callsTo('files.completeUploadExternal')).toEqual([]);
  });
});

describe('files.getUploadURLExternal and the upload URL', () => {
  it('hands out a URL on the emulator and a file id, for a file of a sane size', async () => {
    const got = await client.files.getUploadURLExternal({ filename: 'notes.txt', length: 5 });
    expect(got.upload_url?.startsWith(emulator.url.replace(/\/api\/$/, '/upload/v1/'))).toBe(true);
    expect(got.file_id).toMatch(/^F[A-Z0-9]+$/);
    expect(await slackError(client.files.getUploadURLExternal({ filename: 'a.txt', length: 0 }))).toBe(
      'missing_argument',
    );
    expect(
      await slackError(client.files.getUploadURLExternal({ filename: 'big.bin', length: FILE_MAX_BYTES + 1 })),
    ).toBe('file_upload_size_restricted');
  });

  it('takes raw bytes once, exactly as many as were announced', async () => {
    const { uploadUrl } = await startUpload(Buffer.from('hello'), { post: false });
    const post = (body: string) => fetch(uploadUrl, { method: 'POST', body });
    expect((await post('hell')).status).toBe(400);
    const fine = await post('hello');
    expect([fine.status, await fine.text()]).toEqual([200, 'OK - 5']);
    expect((await post('hello')).status).toBe(409);
    expect((await fetch(`${uploadUrl}nothing`, { method: 'POST', body: 'x' })).status).toBe(404);
  });
});

describe('files.completeUploadExternal', () => {
  it('refuses a file it never handed out, one not uploaded yet, and one completed already', async () => {
    const complete = (id: string) => client.files.completeUploadExternal({ files: [{ id }] });
    expect(await slackError(complete('F0NOSUCH01'))).toBe('file_not_found');
    const notYet = await startUpload(Buffer.from('x'), { post: false });
    expect(await slackError(complete(notYet.fileId))).toBe('file_not_found');
    const done = await startUpload(Buffer.from('x'));
    expect((await complete(done.fileId)).ok).toBe(true);
    expect(await slackError(complete(done.fileId))).toBe('file_not_found');
  });

  it('refuses to share where the app cannot: no such channel, a channel it is not in, no such DM', async () => {
    const share = async (channel_id: string) => {
      const { fileId } = await startUpload(Buffer.from('x'));
      return slackError(client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id }));
    };
    expect(await share('C0GONE0001')).toBe('channel_not_found');
    expect(await share('C0PRIVATE1')).toBe('channel_not_found');
    expect(await share('C0NOTJOIN1')).toBe('not_in_channel');
    expect(await share('D0NOBODY01')).toBe('channel_not_found');
    expect(await share(ALEX)).toBe('channel_not_found');
  });

  it('keeps a file shared nowhere private: no message anywhere', async () => {
    const { fileId } = await startUpload(Buffer.from('draft'));
    const done = await client.files.completeUploadExternal({ files: [{ id: fileId, title: 'Draft' }] });
    expect(done.files?.[0]).toMatchObject({ id: fileId, title: 'Draft', is_public: false });
    expect(emulator.files.get(fileId)?.channels).toEqual([]);
    expect(emulator.conversations.timeline(GENERAL, ALEX)).toEqual([]);
  });
});
