import { DEFAULT_IDS } from './ids.js';

export type ChannelVisibility = 'public' | 'private' | 'not_found';

export interface ChannelSpec {
  visibility: ChannelVisibility;
  name?: string;
  /** Whether the bot is in the channel; posting to a private channel it is not in answers not_in_channel. */
  isMember?: boolean;
  /** An archived channel takes no posts (is_archived). */
  isArchived?: boolean;
}

export interface UserSpec {
  name?: string;
  realName?: string;
  tz?: string;
  isBot?: boolean;
  deleted?: boolean;
}

export interface WorkspaceOptions {
  teamId?: string;
  teamDomain?: string;
  appId?: string;
  botUserId?: string;
  botId?: string;
  /** The bot user's name, which people type as @name to mention it. */
  botName?: string;
  /** Exact bot token to accept; by default any `xoxb-` token is accepted. */
  botToken?: string;
  /** Exact app-level token to accept for apps.connections.open; by default any `xapp-` token. */
  appToken?: string;
  channels?: Record<string, ChannelSpec | ChannelVisibility>;
  /** How channels not listed in `channels` behave. */
  unknownChannels?: ChannelVisibility;
  /** Users users.info knows; with `unknownUsers: 'not_found'` others answer user_not_found. */
  users?: Record<string, UserSpec>;
  unknownUsers?: 'synthesize' | 'not_found';
}

/** The emulated workspace's settings, mutable so a test can change a channel between calls. */
export class Workspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly appId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly botToken: string | undefined;
  readonly appToken: string | undefined;
  unknownChannels: ChannelVisibility;
  unknownUsers: 'synthesize' | 'not_found';
  private readonly channels = new Map<string, ChannelSpec>();
  private readonly users = new Map<string, UserSpec>();

  constructor(options: WorkspaceOptions = {}) {
    this.teamId = options.teamId ?? DEFAULT_IDS.teamId;
    this.teamDomain = options.teamDomain ?? DEFAULT_IDS.teamDomain;
    this.appId = options.appId ?? DEFAULT_IDS.appId;
    this.botUserId = options.botUserId ?? DEFAULT_IDS.botUserId;
    this.botId = options.botId ?? DEFAULT_IDS.botId;
    this.botName = options.botName ?? 'breachbot';
    this.botToken = options.botToken;
    this.appToken = options.appToken;
    this.unknownChannels = options.unknownChannels ?? 'public';
    this.unknownUsers = options.unknownUsers ?? 'synthesize';
    for (const [id, spec] of Object.entries(options.channels ?? {})) this.setChannel(id, spec);
    for (const [id, spec] of Object.entries(options.users ?? {})) this.users.set(id, spec);
  }

  setChannel(id: string, spec: ChannelSpec | ChannelVisibility): void {
    this.channels.set(id, typeof spec === 'string' ? { visibility: spec } : spec);
  }

  setUser(id: string, spec: UserSpec): void {
    this.users.set(id, spec);
  }

  channel(id: string): ChannelSpec {
    return this.channels.get(id) ?? { visibility: this.unknownChannels };
  }

  user(id: string): UserSpec | undefined {
    return this.users.get(id) ?? (this.unknownUsers === 'synthesize' ? {} : undefined);
  }

  /** The channels set up for this workspace, in the order given. */
  listChannels(): { id: string; spec: ChannelSpec }[] {
    return [...this.channels].map(([id, spec]) => ({ id, spec }));
  }

  /** The bot's direct-message channel with a person: where a post to their user id lands, as in Slack. */
  directMessageChannel(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  isDirectMessage(channelId: string): boolean {
    return /^D[A-Z0-9]+$/.test(channelId);
  }

  /** Whose direct-message channel with the bot this is; undefined for any other channel, or a person not here. */
  directMessageUser(channelId: string): string | undefined {
    if (!this.isDirectMessage(channelId)) return undefined;
    const known = [...this.users.keys()].find((id) => this.directMessageChannel(id) === channelId);
    if (known !== undefined) return known;
    return this.unknownUsers === 'synthesize' ? `U${channelId.slice(1)}` : undefined;
  }
}
