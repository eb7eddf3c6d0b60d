import type { AppFeatures } from './app-manifest.js';
import type { MessageFile } from './emulator/files.js';
import { NotOnScreenError, type SelectOption, type UserClient } from './emulator/user-client.js';
import type { EnteredValues } from './emulator/view-state.js';
import type { SlackEmulator } from './emulator/web-api-server.js';
import { PLAYGROUND_TEAM_NAME } from './playground-workspace.js';
import { blocksHtml } from './render/blocks-html.js';
import { attributes } from './render/html.js';
import { type Author, type MessageContext, messageHtml } from './render/message-html.js';
import { type ConversationChoice, modalHtml } from './render/modal-html.js';
import type { MentionNames } from './render/mrkdwn-html.js';

const SLACKBOT = 'USLACKBOT';

export interface Person {
  id: string;
  name: string;
}

export interface WorkspaceInfo {
  teamName: string;
  appName: string;
  /** Who the page acts as. */
  you: Person;
  /** Everyone the page can act as, each with their own direct-message channel with the bot. */
  people: (Person & { directMessage: string })[];
  channels: { id: string; name: string }[];
  /** The person's direct-message channel with the bot: the app's Messages tab. */
  directMessage: { id: string; name: string };
  commands: AppFeatures['commands'];
  shortcuts: AppFeatures['shortcuts'];
}

export type ScreenRequest = { surface: 'home' } | { surface: 'channel'; channel: string; threadTs?: string };

export interface Screen {
  /** The channel's messages, or the Home tab the app published. */
  main: string;
  /** The open thread: its parent and replies. */
  thread: string | null;
  /** The top modal; `key` changes only when the modal does, so the page keeps what is typed otherwise. */
  modal: { key: string; html: string } | null;
}

export type ClickRequest =
  | { channel: string; messageTs: string; blockId: string; actionId: string }
  | { viewId: string; blockId: string; actionId: string };

export interface SentMessage {
  /** The thread to show: a question to the bot is answered there. */
  openThread?: string;
}

/** A file the app shared, to download. */
export interface DownloadableFile {
  name: string;
  mimetype: string;
  bytes: Buffer;
}

/** One person's Slack: what they do, delivered as them, and what they see, which may not be what others see. */
export interface PersonBridge {
  workspaceInfo(): WorkspaceInfo;
  screen(request: ScreenRequest): Screen;
  send(request: { channel: string; text: string; threadTs?: string }): Promise<SentMessage>;
  click(request: ClickRequest): Promise<void>;
  openHome(): Promise<void>;
  runShortcut(request: { callbackId: string; channel?: string }): Promise<void>;
  loadOptions(request: { viewId: string; blockId: string; actionId: string; value: string }): Promise<SelectOption[]>;
  submitView(request: { viewId: string; values: EnteredValues }): Promise<void>;
  closeView(request: { viewId: string }): Promise<void>;
  /** A file shared in a conversation this person can see. */
  file(fileId: string): DownloadableFile;
}

/** Between the page and the emulator: turns what the page asks into people's Slack actions, and renders screens. */
export interface Bridge {
  /** Everyone the page can act as; the first unless it says otherwise. */
  readonly people: readonly Person[];
  /** The page acting as one of `people`. */
  as(personId: string): PersonBridge;
  onChange(listener: () => void): () => void;
}

export interface BridgeOptions {
  emulator: SlackEmulator;
  /** One for each person the page can act as. */
  clients: readonly UserClient[];
  features: AppFeatures;
  timeZone?: string;
}

export function createBridge({ emulator, clients, features, timeZone }: BridgeOptions): Bridge {
  const { workspace } = emulator;
  const nameOf = (id: string) => workspace.user(id)?.name ?? id;
  const people = clients.map((client) => ({ id: client.userId, name: nameOf(client.userId) }));
  const bridges = new Map(
    clients.map((client) => [
      client.userId,
      createPersonBridge({ emulator, client, features, people, ...(timeZone && { timeZone }) }),
    ]),
  );
  return {
    people,
    as(personId) {
      const bridge = bridges.get(personId);
      if (!bridge) throw new Error(`the playground has no person ${personId}`);
      return bridge;
    },
    onChange: (listener) => emulator.onChange(listener),
  };
}

interface PersonBridgeOptions {
  emulator: SlackEmulator;
  client: UserClient;
  features: AppFeatures;
  people: readonly Person[];
  timeZone?: string;
}

/** A link the page server answers with the file's bytes, if the person may see it. */
function fileHref(file: MessageFile, personId: string): string {
  return `/files/${encodeURIComponent(file.id)}/${encodeURIComponent(file.name)}?as=${encodeURIComponent(personId)}`;
}

function createPersonBridge({ emulator, client, features, people, timeZone }: PersonBridgeOptions): PersonBridge {
  const { workspace, conversations, views } = emulator;
  const you = client.userId;
  const directMessage = workspace.directMessageChannel(you);
  const channels = workspace.listChannels().map(({ id, spec }) => ({ id, name: spec.name ?? id }));

  const names: MentionNames = {
    user: (id) => author(id).name,
    channel: (id) =>
      channels.find((channel) => channel.id === id)?.name ?? (id === directMessage ? 'direct message' : undefined),
  };
  function author(id: string): Author {
    if (id === workspace.botUserId) return { name: features.botName, isApp: true };
    if (id === SLACKBOT) return { name: 'Slackbot', isApp: true };
    return { name: workspace.user(id)?.name ?? id, isApp: false };
  }
  const context = (showReplies: boolean): MessageContext => ({
    names,
    author,
    showReplies,
    fileHref: (file) => fileHref(file, you),
    ...(timeZone && { timeZone }),
  });

  const conversationChoices: ConversationChoice[] = [
    ...channels.map((channel) => ({ ...channel, kind: 'public' as const })),
    { id: directMessage, name: features.botName, kind: 'im' as const },
  ];

  function knownConversation(channel: string): void {
    if (channel !== directMessage && !channels.some((known) => known.id === channel)) {
      throw new NotOnScreenError(`there is no channel ${channel} in this workspace`);
    }
  }

  function modalScreen(): Screen['modal'] {
    const top = views.topModal(you);
    if (!top) return null;
    const key = JSON.stringify([top.id, top.hash, top.errors, top.problem ?? '']);
    const html = modalHtml(
      {
        viewId: top.id,
        view: top.view,
        errors: top.errors,
        entered: top.entered,
        conversations: conversationChoices,
        ...(top.problem && { problem: top.problem }),
        ...(top.channel && { currentChannel: top.channel }),
      },
      names,
    );
    return { key, html };
  }

  return {
    workspaceInfo: () => ({
      teamName: PLAYGROUND_TEAM_NAME,
      appName: features.appName,
      you: { id: you, name: author(you).name },
      people: people.map((person) => ({ ...person, directMessage: workspace.directMessageChannel(person.id) })),
      channels,
      directMessage: { id: directMessage, name: features.botName },
      commands: features.commands,
      shortcuts: features.shortcuts,
    }),

    screen(request) {
      if (request.surface === 'home') {
        const home = views.home(you);
        const main = home
          ? `<div${attributes({ class: 'home', 'data-view-id': home.id })}>${blocksHtml(home.view.blocks, names)}</div>`
          : '<div class="home home--empty">Opening the Home tab…</div>';
        return { main, thread: null, modal: modalScreen() };
      }
      knownConversation(request.channel);
      const main = conversations
        .timeline(request.channel, you)
        .map((message) => messageHtml(message, context(true)))
        .join('');
      const thread = request.threadTs
        ? conversations
            .thread(request.channel, request.threadTs, you)
            .map((message) => messageHtml(message, context(false)))
            .join('')
        : null;
      return { main, thread, modal: modalScreen() };
    },

    async send({ channel, text, threadTs }) {
      knownConversation(channel);
      const command = /^(\/\S+)\s*([\s\S]*)$/.exec(text.trim());
      if (command?.[1]) {
        await client.runCommand({ channel, command: command[1], text: command[2] ?? '' });
        return {};
      }
      const message = await client.sendMessage({ channel, text, ...(threadTs && { threadTs }) });
      const asksTheBot = channel === directMessage || message.text.includes(`<@${workspace.botUserId}>`);
      return asksTheBot ? { openThread: message.threadTs ?? message.ts } : {};
    },

    async click(request) {
      if ('channel' in request) knownConversation(request.channel);
      await client.clickButton(request);
    },

    openHome: () => client.openAppHome('home'),

    async runShortcut({ callbackId, channel }) {
      if (!features.shortcuts.some((shortcut) => shortcut.callbackId === callbackId)) {
        throw new NotOnScreenError(`the app has no shortcut ${callbackId}`);
      }
      if (channel) knownConversation(channel);
      await client.runShortcut({ callbackId, ...(channel && { channel }) });
    },

    loadOptions: (request) => client.loadOptions(request),
    submitView: (request) => client.submitView(request),
    closeView: (request) => client.closeView(request.viewId),

    file(fileId) {
      const file = emulator.files.get(fileId);
      const visible = file?.channels.some(
        (channel) => channel === directMessage || channels.some((c) => c.id === channel),
      );
      if (!file?.completed || !visible || file.bytes === undefined) {
        throw new NotOnScreenError(`no file ${fileId} is shared where ${author(you).name} can see it`);
      }
      return { name: file.name, mimetype: file.type.mimetype, bytes: file.bytes };
    },
  };
}
