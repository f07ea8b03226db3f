import {
  APP_ID,
  DEFAULT_TEAM_ID,
  TEAM_DOMAIN,
  triggerId,
  VERIFICATION_TOKEN,
} from './request-defaults.ts';

// Interactive payloads (shortcuts, clicks) as Slack posts them: form-encoded `payload=<json>`.

/** Who acted, and where: the fields every interactive payload shares. */
export interface Actor {
  userId: string;
  channelId: string;
  teamId?: string;
  userName?: string;
  channelName?: string;
}

function actingIn(input: Actor) {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  return {
    team: { id: teamId, domain: TEAM_DOMAIN },
    user: {
      id: input.userId,
      username: input.userName ?? input.userId.toLowerCase(),
      team_id: teamId,
    },
    channel: { id: input.channelId, name: input.channelName ?? input.channelId.toLowerCase() },
  };
}

export interface MessageShortcutInput extends Actor {
  callbackId: string;
  message: Record<string, unknown> & { ts: string };
  responseUrl: string;
}

/** A message shortcut (`message_action`) as Slack posts it: form-encoded `payload=<json>`. */
export function messageShortcutBody(input: MessageShortcutInput): string {
  const payload = {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    ...actingIn(input),
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: triggerId(),
    response_url: input.responseUrl,
    message_ts: input.message.ts,
    message: { type: 'message', ...input.message },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface BlockActionInput extends Actor {
  actionId: string;
  value: string;
  responseUrl: string;
  messageTs?: string;
  /** The blocks of the message the button sits in (Slack sends them back). */
  messageBlocks?: unknown[];
  /** Sends a users_select choice instead of a button click. */
  selectedUser?: string;
  /** The block the control sits in; default 'postmortem_actions' (or 'reminder_actions'). */
  blockId?: string;
  /** The whole message the control sits in, as Slack sends it back (overrides messageBlocks). */
  message?: Record<string, unknown>;
  /** The control sits in an ephemeral message: Slack then sends no `message`. */
  isEphemeral?: boolean;
}

/** A button click (`block_actions`) as Slack posts it: form-encoded `payload=<json>`. */
export function blockActionBody(input: BlockActionInput): string {
  const messageTs = input.messageTs ?? '1.000100';
  const payload = {
    type: 'block_actions',
    token: VERIFICATION_TOKEN,
    api_app_id: APP_ID,
    ...actingIn(input),
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: input.channelId,
      is_ephemeral: input.isEphemeral ?? false,
    },
    ...(input.isEphemeral
      ? {}
      : {
          message: input.message ?? {
            type: 'message',
            ts: messageTs,
            text: '',
            blocks: input.messageBlocks ?? [],
          },
        }),
    is_enterprise_install: false,
    enterprise: null,
    trigger_id: triggerId(),
    response_url: input.responseUrl,
    actions: [
      input.selectedUser !== undefined
        ? {
            type: 'users_select',
            action_id: input.actionId,
            block_id: input.blockId ?? 'reminder_actions',
            selected_user: input.selectedUser,
            action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
          }
        : {
            type: 'button',
            action_id: input.actionId,
            block_id: input.blockId ?? 'postmortem_actions',
            value: input.value,
            text: { type: 'plain_text', text: 'button', emoji: true },
            action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
          },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
