import { randomUUID } from 'node:crypto';
import { encodeTyped } from './mentions.ts';
import { Refusal } from './refusal.ts';
import type { StandInMessage, StandInUser } from './types.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';
import { deleteMessage, editMessage, postMessage, setReaction } from './writes.ts';

// What the people of the workspace do in their Slack client: post, reply, edit, delete, react.
// Each change reaches the app through the workspace feed, as the Events API would carry it.

const MAX_TEXT_LENGTH = 40_000;
const REACTION_NAME = /^[a-z0-9_+'-]{1,100}$/;

export function person(workspace: Workspace, userId: string): StandInUser {
  const user = workspace.users.get(userId);
  if (!user || user.isBot) throw new Refusal(404, `There is no person with the id "${userId}".`);
  return user;
}

/** Public channels, private ones the person belongs to, and their direct messages. */
function canSee(channel: ChannelRecord, userId: string): boolean {
  return !channel.isPrivate || channel.members.has(userId);
}

export function visibleChannel(workspace: Workspace, channelId: string, userId: string) {
  const channel = workspace.findChannel(channelId);
  if (!channel || !canSee(channel, userId)) {
    throw new Refusal(404, `There is no conversation "${channelId}" that ${userId} can see.`);
  }
  return channel;
}

export function existingMessage(workspace: Workspace, channel: string, ts: string) {
  const message = workspace.findMessage(channel, ts);
  if (!message || message.subtype === 'tombstone') {
    throw new Refusal(404, `There is no message ${ts} in ${channel}.`);
  }
  return message;
}

function typedText(text: string): string {
  if (text.trim() === '') throw new Refusal(400, 'The message is empty.');
  if (text.length > MAX_TEXT_LENGTH) {
    throw new Refusal(400, `The message is longer than ${MAX_TEXT_LENGTH} characters.`);
  }
  return text;
}

function mustBeAuthor(message: StandInMessage, userId: string, verb: string): void {
  if (message.user !== userId || message.bot_id !== undefined) {
    throw new Refusal(400, `Only the author can ${verb} this message.`);
  }
}

/** Posts as a person; writing in a public channel joins it, as the client's "Join" does. */
export function postAsPerson(
  workspace: Workspace,
  input: { channel: string; user: string; text: string; threadTs?: string },
): StandInMessage {
  person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const text = encodeTyped(workspace, typedText(input.text), 'message');
  let threadTs: string | undefined;
  if (input.threadTs !== undefined) {
    const parent = existingMessage(workspace, channel.id, input.threadTs);
    threadTs = parent.thread_ts ?? parent.ts;
  }
  if (!channel.members.has(input.user)) workspace.addMember(channel, input.user);
  const message: StandInMessage = {
    channel: channel.id,
    ts: workspace.nextTs(),
    user: input.user,
    text,
    team: workspace.identity.teamId,
    client_msg_id: randomUUID(),
  };
  if (threadTs !== undefined) message.thread_ts = threadTs;
  postMessage(workspace, message);
  return message;
}

export function editAsPerson(
  workspace: Workspace,
  input: { channel: string; ts: string; user: string; text: string },
): void {
  person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const message = existingMessage(workspace, channel.id, input.ts);
  mustBeAuthor(message, input.user, 'edit');
  const text = encodeTyped(workspace, typedText(input.text), 'message');
  editMessage(workspace, message, { text }, input.user);
}

export function deleteAsPerson(
  workspace: Workspace,
  input: { channel: string; ts: string; user: string },
): void {
  person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const message = existingMessage(workspace, channel.id, input.ts);
  mustBeAuthor(message, input.user, 'delete');
  deleteMessage(workspace, message);
}

/** Adds (or removes) a reaction; `name` may be given with its colons (":pushpin:"). */
export function reactAsPerson(
  workspace: Workspace,
  input: { channel: string; ts: string; user: string; name: string; remove?: boolean },
): void {
  person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const message = existingMessage(workspace, channel.id, input.ts);
  const name = input.name.trim().replace(/^:|:$/g, '');
  if (!REACTION_NAME.test(name)) {
    throw new Refusal(400, `"${input.name}" is not an emoji name (try pushpin or +1).`);
  }
  setReaction(workspace, message, input.user, name, !input.remove);
}
