import type { WorkspaceChange } from './changes.ts';
import type { StandInMessage } from './types.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';

/** The Events API subscription an event needs, and the event itself. */
export interface OutgoingEvent {
  subscription: string;
  event: Record<string, unknown>;
}

/** `channel_type` as message events carry it. */
function channelType(channel: ChannelRecord): 'channel' | 'group' | 'im' | 'mpim' {
  if (channel.isIm) return 'im';
  if (channel.isMpim) return 'mpim';
  return channel.isPrivate ? 'group' : 'channel';
}

const MESSAGE_SUBSCRIPTION = {
  channel: 'message.channels',
  group: 'message.groups',
  im: 'message.im',
  mpim: 'message.mpim',
} as const;

/** A stored message as the `message` field of an event: no channel, Slack's `type`. */
function inner(workspace: Workspace, message: StandInMessage): Record<string, unknown> {
  const { channel: _channel, ...rest } = message;
  const view: Record<string, unknown> = { type: 'message', ...rest };
  const threadTs = message.thread_ts;
  if (threadTs !== undefined && threadTs !== message.ts) {
    const parent = workspace.findMessage(message.channel, threadTs);
    if (parent?.user !== undefined) view.parent_user_id = parent.user;
  }
  return view;
}

/**
 * The event Slack sends an app for a change, or null when the app would not hear of it: only
 * conversations the bot is a member of produce events.
 */
export function eventFor(workspace: Workspace, change: WorkspaceChange): OutgoingEvent | null {
  const channelId = change.kind === 'deleted' ? change.previous.channel : change.message.channel;
  const channel = workspace.findChannel(channelId);
  if (!channel?.members.has(workspace.identity.botUserId)) return null;
  const type = channelType(channel);
  const common = { channel: channel.id, channel_type: type };
  const subscription = MESSAGE_SUBSCRIPTION[type];
  switch (change.kind) {
    case 'posted':
      return {
        subscription,
        event: { ...inner(workspace, change.message), ...common, event_ts: change.message.ts },
      };
    case 'changed':
      return {
        subscription,
        event: {
          type: 'message',
          subtype: 'message_changed',
          hidden: true,
          message: inner(workspace, change.message),
          previous_message: inner(workspace, change.previous),
          ...common,
          ts: change.eventTs,
          event_ts: change.eventTs,
        },
      };
    case 'deleted':
      return {
        subscription,
        event: {
          type: 'message',
          subtype: 'message_deleted',
          hidden: true,
          deleted_ts: change.previous.ts,
          previous_message: inner(workspace, change.previous),
          ...common,
          ts: change.eventTs,
          event_ts: change.eventTs,
        },
      };
    case 'reaction': {
      const type = change.added ? 'reaction_added' : 'reaction_removed';
      const itemUser = change.message.user;
      return {
        subscription: type,
        event: {
          type,
          user: change.user,
          reaction: change.name,
          ...(itemUser !== undefined ? { item_user: itemUser } : {}),
          item: { type: 'message', channel: channel.id, ts: change.message.ts },
          event_ts: change.eventTs,
        },
      };
    }
  }
}
