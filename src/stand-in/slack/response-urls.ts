import { isRecord } from './request-body.ts';
import type { StandInMessage } from './types.ts';
import type { Workspace } from './workspace.ts';
import { deleteMessage, editMessage, postMessage } from './writes.ts';

/** Where a response URL leads: who triggered it, where, and on which message. */
export interface ResponseContext {
  /** The person who typed the command or clicked; ephemeral answers are for them alone. */
  user: string;
  channel: string;
  /** The message that carried the button or shortcut; absent for slash commands. */
  original?: { ts: string; ephemeral: boolean };
}

/** Slack accepts five answers per response URL (within 30 minutes). */
export const RESPONSE_URL_USES = 5;

/** Applies an answer (response URL body or command ack) as Slack would; returns an error code. */
export function applyResponse(
  workspace: Workspace,
  context: ResponseContext,
  body: Record<string, unknown>,
): string | null {
  const original = context.original;
  if (body.delete_original === true || body.delete_original === 'true') {
    if (!original) return null;
    return removeOriginal(workspace, context.channel, original);
  }
  const content = readContent(body);
  if (!content) return 'no_text';
  if ((body.replace_original === true || body.replace_original === 'true') && original) {
    return replaceOriginal(workspace, context.channel, original, content);
  }
  const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (body.response_type === 'in_channel') {
    const message: StandInMessage = {
      channel: context.channel,
      ts: workspace.nextTs(),
      ...content,
      text: content.text ?? '',
      ...workspace.botAuthor(),
    };
    if (threadTs) message.thread_ts = threadTs;
    postMessage(workspace, message);
    return null;
  }
  workspace.ephemerals.add({
    channel: context.channel,
    ts: workspace.nextTs(),
    viewer: context.user,
    user: workspace.identity.botUserId,
    ...content,
    text: content.text ?? '',
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
  return null;
}

interface Content {
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
}

function readContent(body: Record<string, unknown>): Content | null {
  const content: Content = {};
  if (typeof body.text === 'string' && body.text !== '') content.text = body.text;
  if (Array.isArray(body.blocks) && body.blocks.length > 0) content.blocks = body.blocks;
  if (Array.isArray(body.attachments) && body.attachments.length > 0) {
    content.attachments = body.attachments.filter(isRecord);
  }
  return content.text || content.blocks || content.attachments ? content : null;
}

function removeOriginal(
  workspace: Workspace,
  channel: string,
  original: { ts: string; ephemeral: boolean },
): string | null {
  if (original.ephemeral) {
    const ephemeral = workspace.ephemerals.find(channel, original.ts);
    if (ephemeral) workspace.ephemerals.remove(ephemeral);
    return null;
  }
  const message = workspace.findMessage(channel, original.ts);
  if (!message) return 'message_not_found';
  deleteMessage(workspace, message);
  return null;
}

function replaceOriginal(
  workspace: Workspace,
  channel: string,
  original: { ts: string; ephemeral: boolean },
  content: Content,
): string | null {
  const whole = { blocks: undefined, attachments: undefined, text: '', ...content };
  if (original.ephemeral) {
    const ephemeral = workspace.ephemerals.find(channel, original.ts);
    if (!ephemeral) return 'message_not_found';
    workspace.ephemerals.replace(ephemeral, whole);
    return null;
  }
  const message = workspace.findMessage(channel, original.ts);
  if (!message) return 'message_not_found';
  editMessage(workspace, message, whole, workspace.identity.botUserId);
  return null;
}
