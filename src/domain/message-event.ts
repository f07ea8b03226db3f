import {
  detectAlert,
  isBotMessage,
  type SlackAttachmentLike,
  type SlackMessageLike,
} from './alerts/simple-rule.ts';
import type { RecordedMessage } from './types.ts';

// Turns one Slack `message` event (any subtype) into the change it makes to the record.

export interface SlackMessage extends SlackMessageLike {
  type?: string;
  channel?: string;
  ts?: string;
  thread_ts?: string;
  user?: string;
  edited?: { user?: string; ts?: string };
  attachments?: Array<{
    color?: string;
    title?: string;
    text?: string;
    fallback?: string;
    pretext?: string;
  }>;
}

export interface SlackMessageEvent extends SlackMessage {
  message?: SlackMessage;
  previous_message?: SlackMessage;
  deleted_ts?: string;
  event_ts?: string;
}

export type MessageChange =
  | { kind: 'posted'; message: RecordedMessage; raw: SlackMessage }
  | { kind: 'edited'; message: RecordedMessage; raw: SlackMessage; at: number }
  | { kind: 'deleted'; channelId: string; ts: string; at: number }
  | { kind: 'ignored'; reason: string };

// Subtypes that say nothing about the conversation itself.
const IGNORED_SUBTYPES = new Set(['message_replied', 'ekm_access_denied', 'assistant_app_thread']);

const TS_PATTERN = /^(\d+)\.(\d{1,6})$/;

/** Slack `ts` ("1700000000.123456") → epoch ms, without float rounding surprises. */
export function slackTsToMs(ts: string): number | null {
  if (typeof ts !== 'string') return null;
  const match = TS_PATTERN.exec(ts);
  if (!match) return null;
  const micros = (match[2] ?? '').padEnd(6, '0');
  return Number(match[1]) * 1000 + Math.floor(Number(micros) / 1000);
}

function textOf(m: SlackMessage): string {
  if (m.text && m.text.trim() !== '') return m.text;
  const parts = (m.attachments ?? []).map(
    (a) => a.title ?? a.fallback ?? a.text ?? a.pretext ?? '',
  );
  return parts.filter((p) => p !== '').join(' / ');
}

function toRecorded(channelId: string, m: SlackMessage): RecordedMessage | null {
  const postedAt = m.ts ? slackTsToMs(m.ts) : null;
  if (!m.ts || postedAt === null) return null;
  const editedAt = m.edited?.ts ? slackTsToMs(m.edited.ts) : null;
  const bot = isBotMessage(m);
  return {
    channelId,
    ts: m.ts,
    threadTs: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : null,
    postedAt,
    userId: m.user ?? null,
    botId: m.bot_id ?? null,
    botName: bot ? (m.bot_profile?.name ?? m.username ?? null) : null,
    isBot: bot,
    subtype: m.subtype ?? null,
    text: textOf(m),
    editedAt,
    deleted: false,
    alert: detectAlert(m),
    key: false,
  };
}

/**
 * The typing above is what Slack documents, not a guarantee: events and history pages are JSON
 * from outside. Reading goes through `wellTyped`, so a field of the wrong type counts as absent
 * and a malformed event is ignored or recorded in part, never a crash. `raw` stays as received.
 */
export function interpretMessageEvent(received: SlackMessageEvent): MessageChange {
  const event = wellTypedEvent(received);
  const channelId = event.channel;
  if (!channelId) return { kind: 'ignored', reason: 'no channel' };
  const subtype = event.subtype;
  if (subtype && IGNORED_SUBTYPES.has(subtype)) return { kind: 'ignored', reason: subtype };

  if (subtype === 'message_deleted') {
    const ts = event.deleted_ts ?? event.previous_message?.ts;
    const at = slackTsToMs(event.event_ts ?? event.ts ?? '');
    if (!ts || at === null) return { kind: 'ignored', reason: 'malformed delete' };
    return { kind: 'deleted', channelId, ts, at };
  }
  if (subtype === 'message_changed') {
    if (!event.message) return { kind: 'ignored', reason: 'malformed edit' };
    const message = toRecorded(channelId, event.message);
    // The edit's own time: when an alert tool flipped its message to RESOLVED, say.
    const at =
      slackTsToMs(event.event_ts ?? event.ts ?? '') ?? message?.editedAt ?? message?.postedAt;
    return message && at !== undefined
      ? { kind: 'edited', message, raw: received.message ?? event.message, at }
      : { kind: 'ignored', reason: 'malformed edit' };
  }
  const { message: _n, previous_message: _p, ...raw } = received;
  const { message: _m, previous_message: _q, ...typed } = event;
  const message = toRecorded(channelId, typed);
  return message ? { kind: 'posted', message, raw } : { kind: 'ignored', reason: 'no ts' };
}

// Real Block Kit nests a handful of levels; anything deeper is not a message a person reads, and
// the alert recognisers walk blocks recursively.
const MAX_BLOCK_DEPTH = 32;

type Json = Record<string, unknown>;

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Only the keys whose value is defined, so `'x' in m` and `m.x !== undefined` agree. A loop, not
 * entries → filter → fromEntries: it runs several times for every event.
 */
function defined<T extends object>(fields: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const value = (fields as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as T;
}

function wellTypedEvent(value: unknown): SlackMessageEvent {
  const event = isJson(value) ? value : {};
  return defined({
    ...wellTypedMessage(event),
    message: isJson(event.message) ? wellTypedMessage(event.message) : undefined,
    previous_message: isJson(event.previous_message)
      ? wellTypedMessage(event.previous_message)
      : undefined,
    deleted_ts: str(event.deleted_ts),
    event_ts: str(event.event_ts),
  });
}

function wellTypedMessage(m: Json): SlackMessage {
  const profile = m.bot_profile;
  return defined({
    type: str(m.type),
    channel: str(m.channel),
    ts: str(m.ts),
    thread_ts: str(m.thread_ts),
    user: str(m.user),
    subtype: str(m.subtype),
    bot_id: str(m.bot_id),
    bot_profile: isJson(profile) ? defined({ name: str(profile.name) }) : undefined,
    username: str(m.username),
    app_id: str(m.app_id),
    text: str(m.text),
    edited: isJson(m.edited)
      ? defined({ user: str(m.edited.user), ts: str(m.edited.ts) })
      : undefined,
    attachments: Array.isArray(m.attachments)
      ? m.attachments.filter(isJson).map(wellTypedAttachment)
      : undefined,
    blocks:
      Array.isArray(m.blocks) && depthWithin(m.blocks, MAX_BLOCK_DEPTH) ? m.blocks : undefined,
  });
}

function wellTypedAttachment(a: Json): SlackAttachmentLike {
  const ts = a.ts;
  return defined({
    color: str(a.color),
    title: str(a.title),
    title_link: str(a.title_link),
    text: str(a.text),
    fallback: str(a.fallback),
    pretext: str(a.pretext),
    author_name: str(a.author_name),
    footer: str(a.footer),
    fields: Array.isArray(a.fields)
      ? a.fields.filter(isJson).map((f) => ({
          title: str(f.title) ?? null,
          value: str(f.value) ?? null,
        }))
      : undefined,
    ts: typeof ts === 'number' || typeof ts === 'string' ? ts : undefined,
  });
}

/** Whether `root` nests arrays and objects at most `max` levels deep; iterative, so any depth. */
function depthWithin(root: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, depth] = next;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > max) return false;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return true;
}
