import type {
  ChannelRecord,
  StandInEphemeral,
  StandInMessage,
  Workspace,
} from '../stand-in/index.ts';
import { compareTs } from '../stand-in/slack/timestamps.ts';
import { ALERT_SAMPLES } from './alert-samples.ts';

// The JSON the page reads (docs/sandbox.md): what one person sees of the workspace.

export interface ApiMessage {
  ts: string;
  threadTs?: string;
  replyCount?: number;
  user?: string;
  username?: string;
  isBot: boolean;
  text: string;
  blocks?: unknown[];
  attachments?: unknown[];
  files?: Array<{ id: string; name: string; title: string }>;
  reactions?: Array<{ name: string; users: string[] }>;
  edited?: boolean;
  ephemeral?: boolean;
  /** A thread parent deleted while it had replies: Slack keeps "This message was deleted." */
  deleted?: boolean;
}

export function usersView(workspace: Workspace) {
  return [...workspace.users.values()].map((u) => ({
    id: u.id,
    name: u.name,
    realName: u.realName ?? u.name,
    tz: u.tz ?? 'UTC',
    isBot: u.isBot ?? false,
  }));
}

/** Public channels, private ones `as` belongs to, and `as`'s direct messages with the bot. */
export function channelsView(workspace: Workspace, as: string) {
  const visible = [...workspace.channels.values()].filter((c) =>
    c.isIm ? c.user === as : !c.isPrivate || c.members.has(as),
  );
  const order = (c: ChannelRecord) => (c.isIm || c.isMpim ? 1 : 0);
  return visible
    .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name))
    .map((c) => ({
      id: c.id,
      name: c.isIm ? workspace.identity.botName : c.name,
      isPrivate: c.isPrivate,
      isIm: c.isIm,
      botIsMember: c.members.has(workspace.identity.botUserId),
    }));
}

export function alertSourcesView() {
  return ALERT_SAMPLES.map((s) => ({ id: s.id, name: s.name }));
}

/** Oldest first, thread replies included; ephemerals only those meant for `as`. */
export function messagesView(workspace: Workspace, channel: string, as: string): ApiMessage[] {
  const stored = workspace
    .messagesIn(channel)
    .map((m) => ({ ts: m.ts, view: fromStored(workspace, m) }));
  const ephemerals = workspace.ephemerals
    .visibleTo(channel, as)
    .map((m) => ({ ts: m.ts, view: fromEphemeral(workspace, m) }));
  return [...stored, ...ephemerals].sort((a, b) => compareTs(a.ts, b.ts)).map((x) => x.view);
}

function isBotAuthored(
  workspace: Workspace,
  m: { user?: string; bot_id?: string; subtype?: string },
) {
  if (m.bot_id !== undefined || m.subtype === 'bot_message') return true;
  return m.user !== undefined && (workspace.users.get(m.user)?.isBot ?? false);
}

function botName(workspace: Workspace, m: StandInMessage): string | undefined {
  const profile = m.bot_profile as { name?: unknown } | undefined;
  if (typeof profile?.name === 'string') return profile.name;
  if (typeof m.username === 'string') return m.username;
  return m.user === undefined ? undefined : workspace.users.get(m.user)?.name;
}

function fromStored(workspace: Workspace, m: StandInMessage): ApiMessage {
  if (m.subtype === 'tombstone') {
    return {
      ts: m.ts,
      isBot: false,
      text: String(m.text ?? ''),
      deleted: true,
      ...thread(workspace, m),
    };
  }
  const isBot = isBotAuthored(workspace, m);
  const view: ApiMessage = { ts: m.ts, isBot, text: String(m.text ?? ''), ...thread(workspace, m) };
  if (m.user !== undefined) view.user = m.user;
  const username = isBot ? botName(workspace, m) : undefined;
  if (username !== undefined) view.username = username;
  if (Array.isArray(m.blocks) && m.blocks.length > 0) view.blocks = m.blocks;
  if (Array.isArray(m.attachments) && m.attachments.length > 0) view.attachments = m.attachments;
  const files = filesOf(m);
  if (files.length > 0) view.files = files;
  const reactions = reactionsOf(m);
  if (reactions.length > 0) view.reactions = reactions;
  if (m.edited !== undefined) view.edited = true;
  return view;
}

function thread(
  workspace: Workspace,
  m: StandInMessage,
): Pick<ApiMessage, 'threadTs' | 'replyCount'> {
  if (m.thread_ts !== undefined && compareTs(m.thread_ts, m.ts) !== 0)
    return { threadTs: m.thread_ts };
  const replies = workspace.repliesTo(m).length;
  return replies > 0 ? { replyCount: replies } : {};
}

function filesOf(m: StandInMessage): Array<{ id: string; name: string; title: string }> {
  const files = Array.isArray(m.files) ? (m.files as Array<Record<string, unknown>>) : [];
  return files.map((f) => ({
    id: String(f.id),
    name: String(f.name ?? ''),
    title: String(f.title ?? f.name ?? ''),
  }));
}

function reactionsOf(m: StandInMessage): Array<{ name: string; users: string[] }> {
  const reactions = Array.isArray(m.reactions)
    ? (m.reactions as Array<Record<string, unknown>>)
    : [];
  return reactions.map((r) => ({
    name: String(r.name),
    users: Array.isArray(r.users) ? r.users.map(String) : [],
  }));
}

function fromEphemeral(workspace: Workspace, m: StandInEphemeral): ApiMessage {
  const author = workspace.users.get(m.user);
  const view: ApiMessage = {
    ts: m.ts,
    user: m.user,
    username: author?.realName ?? author?.name ?? m.user,
    isBot: true,
    text: m.text,
    ephemeral: true,
  };
  if (m.user === workspace.identity.botUserId) view.username = workspace.identity.botName;
  if (m.thread_ts !== undefined) view.threadTs = m.thread_ts;
  if (m.blocks && m.blocks.length > 0) view.blocks = m.blocks;
  if (m.attachments && m.attachments.length > 0) view.attachments = m.attachments;
  return view;
}
