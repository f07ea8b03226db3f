import { isInChannelTimeline, messageView } from './message-view.ts';
import { fail, type MethodHandler, type MethodResult, ok } from './method-kit.ts';
import { inWindow, paginate, readLimit, readWindow } from './pagination.ts';
import type { StandInMessage } from './types.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';

// conversations.history documents 100 as default and 999 as ceiling; replies allow a full 1000.
const HISTORY_LIMIT = { default: 100, max: 999 };
const REPLIES_LIMIT = { default: 1000, max: 1000 };

export function channelView(workspace: Workspace, channel: ChannelRecord): Record<string, unknown> {
  const { teamId } = workspace.identity;
  const emptyTopic = { value: '', creator: '', last_set: 0 };
  const view: Record<string, unknown> = {
    id: channel.id,
    name: channel.name,
    is_channel: !channel.isIm && !channel.isMpim,
    is_group: false,
    is_im: channel.isIm,
    is_mpim: channel.isMpim,
    is_private: channel.isPrivate,
    created: channel.created,
    is_archived: channel.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: channel.name,
    is_shared: false,
    is_org_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: teamId,
    shared_team_ids: [teamId],
    creator: '',
    is_member: true,
    topic: emptyTopic,
    purpose: emptyTopic,
    previous_names: [],
    updated: channel.created * 1000,
  };
  if (channel.user !== undefined) view.user = channel.user;
  return view;
}

const info: MethodHandler = ({ workspace, args }) => {
  const channel = workspace.findChannel(args.string('channel') ?? '');
  if (!channel) return fail('channel_not_found');
  return ok({ channel: channelView(workspace, channel) });
};

function pageResult(
  workspace: Workspace,
  messages: StandInMessage[],
  cursor: string | undefined,
  limit: number,
  direction: 'newest-first' | 'oldest-first',
  withMetadata = false,
): MethodResult {
  const page = paginate(messages, cursor, limit, direction);
  if ('error' in page) return fail(page.error);
  return ok({
    messages: page.items.map((m) => {
      // As on Slack: message metadata only comes back when include_all_metadata asks for it.
      const { metadata, ...view } = messageView(workspace, m);
      return withMetadata && metadata !== undefined ? { ...view, metadata } : view;
    }),
    has_more: page.hasMore,
    response_metadata: { next_cursor: page.nextCursor },
  });
}

const history: MethodHandler = ({ workspace, args }) => {
  const channel = workspace.findChannel(args.string('channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const window = readWindow(args);
  if ('error' in window) return fail(window.error);
  const messages = workspace
    .messagesIn(channel.id)
    .filter((m) => isInChannelTimeline(m) && inWindow(m.ts, window))
    .reverse();
  const limit = readLimit(args, HISTORY_LIMIT.default, HISTORY_LIMIT.max);
  const result = pageResult(
    workspace,
    messages,
    args.string('cursor'),
    limit,
    'newest-first',
    args.bool('include_all_metadata'),
  );
  return result.ok
    ? { ...result, pin_count: 0, channel_actions_ts: null, channel_actions_count: 0 }
    : result;
};

// The parent comes first whatever the window says, then the replies inside the window.
const replies: MethodHandler = ({ workspace, args }) => {
  const channel = workspace.findChannel(args.string('channel') ?? '');
  if (!channel) return fail('channel_not_found');
  const ts = args.string('ts');
  if (ts === undefined) return fail('invalid_arguments');
  const window = readWindow(args);
  if ('error' in window) return fail(window.error);
  const found = workspace.findMessage(channel.id, ts);
  const parent =
    found?.thread_ts !== undefined ? workspace.findMessage(channel.id, found.thread_ts) : found;
  if (!parent) return fail('thread_not_found');
  const thread = [parent, ...workspace.repliesTo(parent).filter((m) => inWindow(m.ts, window))];
  const limit = readLimit(args, REPLIES_LIMIT.default, REPLIES_LIMIT.max);
  return pageResult(
    workspace,
    thread,
    args.string('cursor'),
    limit,
    'oldest-first',
    args.bool('include_all_metadata'),
  );
};

const open: MethodHandler = ({ workspace, args }) => {
  const existingId = args.string('channel');
  let opened: { channel: ChannelRecord; existed: boolean };
  if (existingId !== undefined) {
    const channel = workspace.findChannel(existingId);
    if (!channel || (!channel.isIm && !channel.isMpim)) return fail('channel_not_found');
    opened = { channel, existed: true };
  } else {
    const users = args.list('users');
    if (!users) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    opened = workspace.openDirect(users);
  }
  const channel = args.bool('return_im')
    ? channelView(workspace, opened.channel)
    : { id: opened.channel.id };
  return opened.existed ? ok({ no_op: true, already_open: true, channel }) : ok({ channel });
};

const join: MethodHandler = ({ workspace, args }) => {
  const id = args.string('channel');
  if (id === undefined) return fail('channel_not_found');
  const channel = workspace.channelForWrite(id);
  if (!channel) return fail('channel_not_found');
  if (channel.isIm || channel.isMpim) return fail('method_not_supported_for_channel_type');
  workspace.addMember(channel, workspace.identity.botUserId);
  return ok({ channel: channelView(workspace, channel) });
};

// conversations.members: Slack's default page is 100, its ceiling 1000.
const MEMBERS_LIMIT = { default: 100, max: 1000 };
const MEMBER_CURSOR_PREFIX = 'user:';

// Cursors name the member the next page starts at (Slack's look like base64 `user:U…`).
const members: MethodHandler = ({ workspace, args }) => {
  const channel = workspace.findChannel(args.string('channel') ?? '');
  const { botUserId } = workspace.identity;
  // Slack hides a private conversation from anyone outside it, the app included.
  if (!channel || (channel.isPrivate && !channel.members.has(botUserId))) {
    return fail('channel_not_found');
  }
  const ids = [...channel.members].sort();
  let start = 0;
  const cursor = args.string('cursor');
  if (cursor !== undefined) {
    const text = Buffer.from(cursor, 'base64').toString('utf8');
    if (!text.startsWith(MEMBER_CURSOR_PREFIX)) return fail('invalid_cursor');
    const from = text.slice(MEMBER_CURSOR_PREFIX.length);
    start = ids.findIndex((id) => id >= from);
    if (start < 0) start = ids.length;
  }
  const limit = readLimit(args, MEMBERS_LIMIT.default, MEMBERS_LIMIT.max);
  const next = ids[start + limit];
  return ok({
    members: ids.slice(start, start + limit),
    response_metadata: {
      next_cursor:
        next === undefined ? '' : Buffer.from(MEMBER_CURSOR_PREFIX + next).toString('base64'),
    },
  });
};

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.info': info,
  'conversations.history': history,
  'conversations.replies': replies,
  'conversations.open': open,
  'conversations.join': join,
  'conversations.members': members,
};
