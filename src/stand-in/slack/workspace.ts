import { ChangeFeed } from './changes.ts';
import { Ephemerals } from './ephemerals.ts';
import { compareTs, TsClock } from './timestamps.ts';
import type { StandInMessage, StandInUpload, StandInUser } from './types.ts';

export interface ChannelRecord {
  id: string;
  name: string;
  isPrivate: boolean;
  isIm: boolean;
  isMpim: boolean;
  /** Archived channels keep their history and members; users.conversations can leave them out. */
  isArchived: boolean;
  members: Set<string>;
  /** Seconds since the epoch. */
  created: number;
  /** The other party of a direct message. */
  user?: string;
}

export interface WorkspaceIdentity {
  token: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
  teamId: string;
  teamName: string;
  teamDomain: string;
}

/** Channel ids with this prefix never exist, so tests can provoke channel_not_found. */
const MISSING_CHANNEL_PREFIX = 'CMISSING';

/** The workspace as the Web API sees it: users, conversations, messages and files. */
export class Workspace {
  readonly users = new Map<string, StandInUser>();
  readonly channels = new Map<string, ChannelRecord>();
  readonly uploads = new Map<string, StandInUpload>();
  /** Every change bumps its version; the app link listens to it to deliver events. */
  readonly feed = new ChangeFeed();
  readonly ephemerals = new Ephemerals(() => this.feed.touch());
  private readonly messages = new Map<string, StandInMessage[]>();
  private readonly directChannels = new Map<string, string>();
  private readonly clock: TsClock;
  private idCounter = 0;

  constructor(
    readonly identity: WorkspaceIdentity,
    readonly now: () => number,
  ) {
    this.clock = new TsClock(now);
    this.users.set(identity.botUserId, {
      id: identity.botUserId,
      name: identity.botName,
      isBot: true,
    });
  }

  nextTs(): string {
    return this.clock.next();
  }

  /** Slack-looking ids: a type letter and ten upper-case base-36 characters. */
  nextId(prefix: string): string {
    this.idCounter += 1;
    return `${prefix}${this.idCounter.toString(36).toUpperCase().padStart(10, '0')}`;
  }

  findChannel(id: string): ChannelRecord | undefined {
    if (id.startsWith(MISSING_CHANNEL_PREFIX)) return undefined;
    return this.channels.get(id);
  }

  /**
   * Writes to an unknown channel create it, so a test need not declare every channel it posts to.
   * A user id stands for the direct message with that user, as it does on Slack.
   */
  channelForWrite(id: string): ChannelRecord | undefined {
    if (id.startsWith(MISSING_CHANNEL_PREFIX)) return undefined;
    if (/^[UW]/.test(id)) return this.openDirect([id]).channel;
    if (id.startsWith('#')) {
      // Slack also takes a channel's #name where it takes its id.
      const name = id.slice(1);
      const named = [...this.channels.values()].find((c) => !c.isIm && c.name === name);
      return named ?? this.putChannel({ id: this.nextId('C'), name });
    }
    return this.channels.get(id) ?? this.putChannel({ id, name: id.toLowerCase() });
  }

  putChannel(input: {
    id: string;
    name: string;
    isPrivate?: boolean;
    isArchived?: boolean;
    members?: string[];
  }): ChannelRecord {
    const existing = this.channels.get(input.id);
    const record: ChannelRecord = {
      id: input.id,
      name: input.name,
      isPrivate: input.isPrivate ?? existing?.isPrivate ?? false,
      isIm: existing?.isIm ?? false,
      isMpim: existing?.isMpim ?? false,
      isArchived: input.isArchived ?? existing?.isArchived ?? false,
      members: new Set(input.members ?? existing?.members ?? []),
      created: existing?.created ?? Math.floor(this.now() / 1000),
    };
    if (existing?.user !== undefined) record.user = existing.user;
    this.channels.set(record.id, record);
    this.feed.touch();
    return record;
  }

  /** The same set of users always gets the same conversation back. */
  openDirect(userIds: string[]): { channel: ChannelRecord; existed: boolean } {
    const others = [...new Set(userIds)].filter((u) => u !== this.identity.botUserId).sort();
    const key = others.join(',');
    const knownId = this.directChannels.get(key);
    const known = knownId === undefined ? undefined : this.channels.get(knownId);
    if (known) return { channel: known, existed: true };
    const isIm = others.length <= 1;
    const channel: ChannelRecord = {
      id: this.nextId(isIm ? 'D' : 'G'),
      name: isIm ? (others[0] ?? this.identity.botUserId) : `mpdm-${others.join('--')}-1`,
      isPrivate: true,
      isIm,
      isMpim: !isIm,
      isArchived: false,
      members: new Set([this.identity.botUserId, ...others]),
      created: Math.floor(this.now() / 1000),
    };
    if (isIm && others[0] !== undefined) channel.user = others[0];
    this.channels.set(channel.id, channel);
    this.directChannels.set(key, channel.id);
    this.feed.touch();
    return { channel, existed: false };
  }

  /** Every stored message of the channel, thread replies included, oldest first. */
  messagesIn(channel: string): StandInMessage[] {
    return this.messages.get(channel) ?? [];
  }

  findMessage(channel: string, ts: string): StandInMessage | undefined {
    return this.messagesIn(channel).find((m) => compareTs(m.ts, ts) === 0);
  }

  /** Inserts in timestamp order; a message with the same ts replaces the earlier one. */
  putMessage(message: StandInMessage): void {
    if (!this.channels.has(message.channel)) {
      this.putChannel({ id: message.channel, name: message.channel.toLowerCase() });
    }
    const list = this.messages.get(message.channel) ?? [];
    const same = list.findIndex((m) => compareTs(m.ts, message.ts) === 0);
    if (same >= 0) list.splice(same, 1);
    const after = list.findIndex((m) => compareTs(m.ts, message.ts) > 0);
    list.splice(after < 0 ? list.length : after, 0, message);
    this.messages.set(message.channel, list);
    this.feed.touch();
  }

  /** Takes a message out of the channel; false when there was none with that ts. */
  removeMessage(channel: string, ts: string): boolean {
    const list = this.messagesIn(channel);
    const at = list.findIndex((m) => compareTs(m.ts, ts) === 0);
    if (at < 0) return false;
    list.splice(at, 1);
    this.feed.touch();
    return true;
  }

  /** A member joins (or is added to) a conversation. */
  addMember(channel: ChannelRecord, userId: string): void {
    channel.members.add(userId);
    this.feed.touch();
  }

  repliesTo(parent: StandInMessage): StandInMessage[] {
    return this.messagesIn(parent.channel).filter(
      (m) =>
        m.thread_ts !== undefined && m.ts !== parent.ts && compareTs(m.thread_ts, parent.ts) === 0,
    );
  }

  /** The fields Slack stamps on every message the bot posts. */
  botAuthor(): Record<string, unknown> {
    const { botUserId, botId, appId, botName, teamId } = this.identity;
    return {
      user: botUserId,
      bot_id: botId,
      app_id: appId,
      team: teamId,
      bot_profile: { id: botId, app_id: appId, name: botName, deleted: false, team_id: teamId },
    };
  }
}
