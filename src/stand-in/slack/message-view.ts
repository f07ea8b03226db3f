import { compareTs } from './timestamps.ts';
import type { StandInMessage } from './types.ts';
import type { Workspace } from './workspace.ts';

/** A message as the Web API returns it: no channel field, thread summary on parents. */
export function messageView(
  workspace: Workspace,
  message: StandInMessage,
): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  const view: Record<string, unknown> = { type: 'message', ...rest };
  const isReply = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  if (isReply) {
    const parent = workspace.findMessage(message.channel, message.thread_ts ?? '');
    if (parent?.user !== undefined) view.parent_user_id = parent.user;
    return view;
  }
  const replies = workspace.repliesTo(message);
  if (replies.length === 0) return view;
  const replyUsers = [...new Set(replies.map((r) => r.user ?? r.bot_id).filter(isString))];
  const latest = replies.reduce((a, b) => (compareTs(a.ts, b.ts) >= 0 ? a : b));
  return {
    ...view,
    thread_ts: message.ts,
    reply_count: replies.length,
    reply_users_count: replyUsers.length,
    reply_users: replyUsers,
    latest_reply: latest.ts,
    is_locked: false,
    subscribed: false,
  };
}

/** Top-level messages and thread parents: what a channel shows outside threads. */
export function isInChannelTimeline(message: StandInMessage): boolean {
  return (
    message.thread_ts === undefined ||
    compareTs(message.thread_ts, message.ts) === 0 ||
    message.subtype === 'thread_broadcast'
  );
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
