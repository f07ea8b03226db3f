import { detectAlert, isBotMessage, type SlackMessageLike } from './alerts/simple-rule.ts';
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

export function interpretMessageEvent(event: SlackMessageEvent): MessageChange {
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
      ? { kind: 'edited', message, raw: event.message, at }
      : { kind: 'ignored', reason: 'malformed edit' };
  }
  const { message: _n, previous_message: _p, ...raw } = event;
  const message = toRecorded(channelId, raw);
  return message ? { kind: 'posted', message, raw } : { kind: 'ignored', reason: 'no ts' };
}
