import { createHmac, randomBytes } from 'node:crypto';

// Requests as Slack sends them to an app's Request URL, signed the way Slack signs them, so tests
// exercise the app's real signature check rather than bypassing it.

const DEFAULT_TEAM_ID = 'T0001';
const DEFAULT_BOT_USER_ID = 'UBOT';
const APP_ID = 'A0001';
const TEAM_DOMAIN = 'stand-in';
/** The legacy verification token; Slack still sends one, Bolt ignores it. */
const VERIFICATION_TOKEN = 'verification-token';
/** Loopback port nothing listens on: a forgotten response_url fails fast instead of leaving. */
const UNSET_RESPONSE_URL = 'http://127.0.0.1:9/response/unset';

export interface SlackSignatureHeaders {
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
}

/** Slack's v0 scheme: hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` keyed by the signing secret. */
export function signSlackRequest(
  body: string,
  secret: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${digest}` };
}

export interface SlashCommandInput {
  command: string;
  text: string;
  userId: string;
  channelId: string;
  userName?: string;
  channelName?: string;
  teamId?: string;
  responseUrl?: string;
  triggerId?: string;
}

/** Every field Slack posts for a slash command, form-encoded in Slack's order. */
export function slashCommandBody(input: SlashCommandInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    team_domain: TEAM_DOMAIN,
    channel_id: input.channelId,
    channel_name: input.channelName ?? input.channelId.toLowerCase(),
    user_id: input.userId,
    user_name: input.userName ?? input.userId.toLowerCase(),
    command: input.command,
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? UNSET_RESPONSE_URL,
    trigger_id: input.triggerId ?? `${Date.now()}.${randomDigits(10)}.${randomHex(16)}`,
  }).toString();
}

export interface EventEnvelopeOptions {
  eventId?: string;
  teamId?: string;
  /** Seconds since the epoch. */
  eventTime?: number;
  botUserId?: string;
}

/** An Events API `event_callback` envelope around `event`, as JSON. */
export function eventEnvelope(
  event: Record<string, unknown>,
  opts: EventEnvelopeOptions = {},
): string {
  const teamId = opts.teamId ?? DEFAULT_TEAM_ID;
  const context = { et: event.type, tid: teamId, aid: APP_ID, cid: event.channel };
  return JSON.stringify({
    token: VERIFICATION_TOKEN,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: opts.eventId ?? `Ev${randomHex(10).toUpperCase()}`,
    event_time: opts.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: opts.botUserId ?? DEFAULT_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`,
  });
}

export interface SignedPost {
  status: number;
  body: string;
  json(): unknown;
}

export interface PostSignedOptions {
  secret: string;
  /** Bare media types only: Bolt rejects a form body declared with a charset. */
  contentType: 'application/x-www-form-urlencoded' | 'application/json';
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Replaces the computed signature, to send a bad one. */
  signature?: string;
  /** Extra headers, e.g. X-Slack-Retry-Num. */
  headers?: Record<string, string>;
}

/** POSTs `body` signed as Slack would and returns the raw answer. */
export async function postSigned(
  url: string,
  body: string,
  opts: PostSignedOptions,
): Promise<SignedPost> {
  const signed = signSlackRequest(body, opts.secret, opts.timestamp);
  if (opts.signature !== undefined) signed['x-slack-signature'] = opts.signature;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': opts.contentType, ...signed, ...opts.headers },
    body,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text,
    json() {
      try {
        return JSON.parse(text);
      } catch {
        throw new Error(`Response (HTTP ${response.status}) is not JSON: ${JSON.stringify(text)}`);
      }
    },
  };
}

function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

function randomDigits(length: number): string {
  return Array.from(randomBytes(length), (b) => String(b % 10)).join('');
}

export interface MessageShortcutInput {
  callbackId: string;
  userId: string;
  channelId: string;
  message: Record<string, unknown> & { ts: string };
  responseUrl: string;
  teamId?: string;
  userName?: string;
  channelName?: string;
}

/** A message shortcut (`message_action`) as Slack posts it: form-encoded `payload=<json>`. */
export function messageShortcutBody(input: MessageShortcutInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const payload = {
    type: 'message_action',
    token: VERIFICATION_TOKEN,
    action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
    team: { id: teamId, domain: TEAM_DOMAIN },
    user: {
      id: input.userId,
      username: input.userName ?? input.userId.toLowerCase(),
      team_id: teamId,
    },
    channel: { id: input.channelId, name: input.channelName ?? input.channelId.toLowerCase() },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: input.callbackId,
    trigger_id: `${Date.now()}.${randomDigits(10)}.${randomHex(16)}`,
    response_url: input.responseUrl,
    message_ts: input.message.ts,
    message: { type: 'message', ...input.message },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface BlockActionInput {
  userId: string;
  channelId: string;
  actionId: string;
  value: string;
  responseUrl: string;
  messageTs?: string;
  /** The blocks of the message the button sits in (Slack sends them back). */
  messageBlocks?: unknown[];
  /** Sends a users_select choice instead of a button click. */
  selectedUser?: string;
  teamId?: string;
  /** The block the control sits in; default 'postmortem_actions' (or 'reminder_actions'). */
  blockId?: string;
  /** The whole message the control sits in, as Slack sends it back (overrides messageBlocks). */
  message?: Record<string, unknown>;
  /** The control sits in an ephemeral message: Slack then sends no `message`. */
  isEphemeral?: boolean;
  userName?: string;
  channelName?: string;
}

/** A button click (`block_actions`) as Slack posts it: form-encoded `payload=<json>`. */
export function blockActionBody(input: BlockActionInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const messageTs = input.messageTs ?? '1.000100';
  const payload = {
    type: 'block_actions',
    token: VERIFICATION_TOKEN,
    api_app_id: APP_ID,
    team: { id: teamId, domain: TEAM_DOMAIN },
    user: {
      id: input.userId,
      username: input.userName ?? input.userId.toLowerCase(),
      team_id: teamId,
    },
    channel: { id: input.channelId, name: input.channelName ?? input.channelId.toLowerCase() },
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
    trigger_id: `${Date.now()}.${randomDigits(10)}.${randomHex(16)}`,
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
