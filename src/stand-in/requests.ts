import { createHmac } from 'node:crypto';
import {
  APP_ID,
  DEFAULT_BOT_USER_ID,
  DEFAULT_TEAM_ID,
  randomHex,
  TEAM_DOMAIN,
  triggerId,
  UNSET_RESPONSE_URL,
  VERIFICATION_TOKEN,
} from './request-defaults.ts';

// Requests as Slack sends them to an app's Request URL, signed the way Slack signs them, so tests
// exercise the app's real signature check rather than bypassing it. Interactive payloads (clicks,
// shortcuts) are built in interaction-requests.ts and exported from here too.

export * from './interaction-requests.ts';

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
    trigger_id: input.triggerId ?? triggerId(),
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
