import { blockActionBody, messageShortcutBody, slashCommandBody } from '../requests.ts';
import type { AppLink } from './app-link.ts';
import { findControl } from './controls.ts';
import { encodeTyped } from './mentions.ts';
import { messageView } from './message-view.ts';
import { existingMessage, person, visibleChannel } from './people.ts';
import { Refusal } from './refusal.ts';
import { parseJsonObject } from './request-body.ts';
import { applyResponse, type ResponseContext } from './response-urls.ts';
import type { PostOutcome } from './transport.ts';
import type { ChannelRecord, Workspace } from './workspace.ts';

// What people do that goes to the app itself: slash commands, button clicks, message shortcuts.
// Slack waits 3 seconds for the app's answer and tells the person when it does not come.

export interface AppAccess {
  workspace: Workspace;
  link: AppLink | null;
  responseUrl(context: ResponseContext): string;
}

const SLACKBOT = 'USLACKBOT';

function connected(access: AppAccess): AppLink {
  if (!access.link) throw new Refusal(400, 'No app is connected to this workspace.');
  return access.link;
}

/** Slack's own notice to one person (from Slackbot), e.g. a command that failed. */
function notice(workspace: Workspace, channel: string, viewer: string, text: string): void {
  workspace.ephemerals.add({ channel, ts: workspace.nextTs(), viewer, user: SLACKBOT, text });
}

function failureText(outcome: Exclude<PostOutcome, { ok: true }>): string {
  return outcome.reason === 'http_timeout' || outcome.reason === 'timeout'
    ? 'operation_timeout'
    : 'dispatch_failed';
}

/** channel_name as Slack sends it to commands: it will not name private conversations. */
function channelName(channel: ChannelRecord): string {
  if (channel.isIm) return 'directmessage';
  if (channel.isPrivate) return 'privategroup';
  return channel.name;
}

export async function runCommand(
  access: AppAccess,
  input: { channel: string; user: string; text: string },
): Promise<void> {
  const { workspace } = access;
  const who = person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const match = /^(\/[\w-]+)(?:\s+([\s\S]*))?$/.exec(input.text.trim());
  if (!match?.[1]) throw new Refusal(400, 'A slash command looks like /incident start …');
  const command = match[1];
  const link = access.link;
  if (!link?.app.commands.includes(command)) {
    const text = `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`;
    notice(workspace, channel.id, who.id, text);
    return;
  }
  const context: ResponseContext = { user: who.id, channel: channel.id };
  const body = slashCommandBody({
    command,
    text: encodeTyped(workspace, match[2] ?? '', 'command'),
    userId: who.id,
    userName: who.name,
    channelId: channel.id,
    channelName: channelName(channel),
    teamId: workspace.identity.teamId,
    responseUrl: access.responseUrl(context),
  });
  const outcome = await link.request('command', body);
  if (!outcome.ok) {
    const text = `${command} failed with the error "${failureText(outcome)}"`;
    notice(workspace, channel.id, who.id, text);
    return;
  }
  if (outcome.body.trim() === '') return;
  // A JSON ack is a message; anything else is shown as plain text.
  const answer = parseJsonObject(outcome.body) ?? { text: outcome.body };
  applyResponse(workspace, context, answer);
}

/** A click on a button (or a choice in a users_select) of a message, ephemeral or not. */
export interface ClickInput {
  channel: string;
  ts: string;
  user: string;
  actionId: string;
  blockId: string;
  value?: string;
  selectedUser?: string;
}

export async function clickControl(access: AppAccess, input: ClickInput): Promise<void> {
  const { workspace } = access;
  const link = connected(access);
  const who = person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const ephemeral = workspace.ephemerals.find(channel.id, input.ts);
  const visibleEphemeral = ephemeral?.viewer === who.id ? ephemeral : undefined;
  const message = visibleEphemeral ?? existingMessage(workspace, channel.id, input.ts);
  const control = findControl(message.blocks, input.actionId, input.blockId);
  if (!control) {
    throw new Refusal(
      400,
      `That message has no control "${input.actionId}" in block "${input.blockId}".`,
    );
  }
  if (control.type === 'users_select' && !input.selectedUser) {
    throw new Refusal(400, 'Choose a person (selectedUser) for this menu.');
  }
  if (input.selectedUser !== undefined) person(workspace, input.selectedUser);
  const context: ResponseContext = {
    user: who.id,
    channel: channel.id,
    original: { ts: message.ts, ephemeral: visibleEphemeral !== undefined },
  };
  const body = blockActionBody({
    userId: who.id,
    userName: who.name,
    channelId: channel.id,
    channelName: channel.name,
    teamId: workspace.identity.teamId,
    actionId: input.actionId,
    blockId: input.blockId,
    value: control.value ?? input.value ?? '',
    responseUrl: access.responseUrl(context),
    messageTs: message.ts,
    ...(visibleEphemeral
      ? { isEphemeral: true }
      : { message: messageView(workspace, existingMessage(workspace, channel.id, input.ts)) }),
    ...(input.selectedUser !== undefined ? { selectedUser: input.selectedUser } : {}),
  });
  const outcome = await link.request('interaction', body);
  if (!outcome.ok) {
    const text = `The app did not answer that click in time (${failureText(outcome)}).`;
    notice(workspace, channel.id, who.id, text);
  }
}

export async function runShortcut(
  access: AppAccess,
  input: { channel: string; ts: string; user: string; callbackId: string },
): Promise<void> {
  const { workspace } = access;
  const link = connected(access);
  const who = person(workspace, input.user);
  const channel = visibleChannel(workspace, input.channel, input.user);
  const message = existingMessage(workspace, channel.id, input.ts);
  if (!(link.app.shortcuts ?? []).includes(input.callbackId)) {
    throw new Refusal(404, `The app has no message shortcut "${input.callbackId}".`);
  }
  const context: ResponseContext = {
    user: who.id,
    channel: channel.id,
    original: { ts: message.ts, ephemeral: false },
  };
  const view = messageView(workspace, message);
  const body = messageShortcutBody({
    callbackId: input.callbackId,
    userId: who.id,
    userName: who.name,
    channelId: channel.id,
    channelName: channel.name,
    teamId: workspace.identity.teamId,
    message: { ...view, ts: message.ts },
    responseUrl: access.responseUrl(context),
  });
  const outcome = await link.request('interaction', body);
  if (!outcome.ok) {
    const text = `The app did not answer the shortcut in time (${failureText(outcome)}).`;
    notice(workspace, channel.id, who.id, text);
  }
}
