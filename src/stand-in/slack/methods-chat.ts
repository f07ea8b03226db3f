import { messageView } from './message-view.ts';
import { type ArgReader, fail, type MethodHandler, type MethodResult, ok } from './method-kit.ts';
import type { StandInMessage } from './types.ts';
import type { Workspace } from './workspace.ts';
import { editMessage, postMessage as post } from './writes.ts';

// Slack's documented ceilings; a bot that outgrows them fails in production, so it fails here too.
const MAX_TEXT_LENGTH = 40_000;
const MAX_BLOCKS = 50;

interface Content {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

/** Validates text/blocks/attachments; `required` demands at least one of them. */
function readContent(args: ArgReader, required: boolean): Content | { error: string } {
  const content: Content = {};
  const text = args.raw.text;
  if (typeof text === 'string') {
    if (text.length > MAX_TEXT_LENGTH) return { error: 'msg_too_long' };
    content.text = text;
  }
  if (args.has('blocks')) {
    const blocks = args.raw.blocks;
    if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format' };
    if (blocks.length > MAX_BLOCKS || !blocks.every(isBlock)) return { error: 'invalid_blocks' };
    content.blocks = blocks;
  }
  if (args.has('attachments')) {
    const attachments = args.raw.attachments;
    if (!Array.isArray(attachments)) return { error: 'invalid_attachments' };
    content.attachments = attachments;
  }
  const empty = !content.text && !content.blocks?.length && !content.attachments?.length;
  if (required && empty) return { error: 'no_text' };
  return content;
}

function isBlock(block: unknown): boolean {
  return (
    typeof block === 'object' &&
    block !== null &&
    typeof (block as { type?: unknown }).type === 'string'
  );
}

/** A reply to a reply belongs to the same thread as its parent, as on Slack. */
function threadRoot(workspace: Workspace, channel: string, threadTs: string): string {
  return workspace.findMessage(channel, threadTs)?.thread_ts ?? threadTs;
}

const postMessage: MethodHandler = ({ workspace, args }) => {
  const channelId = args.string('channel');
  if (channelId === undefined) return fail('channel_not_found');
  const channel = workspace.channelForWrite(channelId);
  if (!channel) return fail('channel_not_found');
  const content = readContent(args, true);
  if ('error' in content) return fail(content.error);
  const message: StandInMessage = {
    channel: channel.id,
    ts: workspace.nextTs(),
    text: content.text ?? '',
    ...workspace.botAuthor(),
  };
  if (content.blocks) message.blocks = content.blocks;
  if (content.attachments) message.attachments = content.attachments;
  if (args.has('metadata')) message.metadata = args.raw.metadata;
  const threadTs = args.string('thread_ts');
  if (threadTs !== undefined) {
    message.thread_ts = threadRoot(workspace, channel.id, threadTs);
    if (args.bool('reply_broadcast')) message.subtype = 'thread_broadcast';
  }
  post(workspace, message);
  return ok({ channel: channel.id, ts: message.ts, message: messageView(workspace, message) });
};

const postEphemeral: MethodHandler = ({ workspace, args }) => {
  const channelId = args.string('channel');
  if (channelId === undefined) return fail('channel_not_found');
  const channel = workspace.channelForWrite(channelId);
  if (!channel) return fail('channel_not_found');
  const viewer = args.string('user');
  if (viewer === undefined) return fail('invalid_arguments');
  const content = readContent(args, true);
  if ('error' in content) return fail(content.error);
  // Ephemeral messages are seen by one user only and never enter the channel's history.
  const ts = workspace.nextTs();
  const threadTs = args.string('thread_ts');
  workspace.ephemerals.add({
    channel: channel.id,
    ts,
    viewer,
    user: workspace.identity.botUserId,
    text: content.text ?? '',
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return ok({ message_ts: ts });
};

const update: MethodHandler = ({ workspace, args }) => {
  const channelId = args.string('channel');
  if (channelId === undefined || !workspace.findChannel(channelId)) {
    return fail('channel_not_found');
  }
  const ts = args.string('ts');
  if (ts === undefined) return fail('invalid_arguments');
  const message = workspace.findMessage(channelId, ts);
  if (!message) return fail('message_not_found');
  const { botUserId, botId } = workspace.identity;
  if (message.user !== botUserId && message.bot_id !== botId) return fail('cant_update_message');
  const content = readContent(args, true);
  if ('error' in content) return fail(content.error);
  return applyUpdate(workspace, message, content);
};

// Fields left out of an update keep their old value, as chat.update documents for blocks and
// attachments.
function applyUpdate(
  workspace: Workspace,
  message: StandInMessage,
  content: Content,
): MethodResult {
  const updated = editMessage(workspace, message, { ...content }, workspace.identity.botUserId);
  return ok({
    channel: updated.channel,
    ts: updated.ts,
    text: updated.text ?? '',
    message: messageView(workspace, updated),
  });
}

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': postMessage,
  'chat.postEphemeral': postEphemeral,
  'chat.update': update,
};
