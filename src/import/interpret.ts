import { interpretMessageEvent, type MessageChange } from '../domain/message-event.ts';
import type { RecordedMessage } from '../domain/types.ts';
import type { ExportedMessage } from './read-export.ts';

// Each exported message goes through the live bot's own reading (interpretMessageEvent), so an
// import sees the same alerts, threads and bots the bot would have seen.

export type Applicable = Exclude<MessageChange, { kind: 'ignored' }>;

export interface ImportedMessage {
  file: string;
  /** When it was posted: what the window is judged by. */
  at: number;
  message: RecordedMessage;
  /** What to apply, in order, through applyMessageChange. */
  changes: Applicable[];
}

export type Reading =
  | { kind: 'message'; item: ImportedMessage }
  | { kind: 'ignored'; reason: string };

// Membership and integration housekeeping: nothing anyone said about the incident.
const HOUSEKEEPING = new Set([
  'channel_join',
  'channel_leave',
  'group_join',
  'group_leave',
  'bot_add',
  'bot_remove',
  'bot_enable',
  'bot_disable',
  'app_conversation_join',
  'pinned_item',
  'unpinned_item',
  'channel_archive',
  'channel_unarchive',
  'group_archive',
  'group_unarchive',
]);

/** `seen` collects the ts of every message read so far: an export repeats none. */
export function interpretExported(
  channelId: string,
  exported: ExportedMessage,
  seen: Set<string>,
): Reading {
  const { raw } = exported;
  const subtype = typeof raw.subtype === 'string' ? raw.subtype : null;
  if (subtype !== null && HOUSEKEEPING.has(subtype)) return ignored(subtype);
  const event = { ...raw, type: 'message', channel: channelId };
  const change = interpretMessageEvent(event);
  if (change.kind === 'ignored') return ignored(change.reason);
  // An export holds messages, not the events that changed them.
  if (change.kind !== 'posted') return ignored(`${subtype ?? change.kind} event`);
  const { message } = change;
  if (seen.has(message.ts)) return ignored('repeated ts');
  seen.add(message.ts);
  return {
    kind: 'message',
    item: { file: exported.file, at: message.postedAt, message, changes: changesOf(change, event) },
  };
}

function changesOf(posted: Applicable & { kind: 'posted' }, event: Record<string, unknown>) {
  const { message } = posted;
  const editedTs = (event.edited as { ts?: unknown } | undefined)?.ts;
  // The export keeps an edited alert's last state only; it is known from the edit's time on.
  if (message.alert !== null && typeof editedTs === 'string') {
    const edit = interpretMessageEvent({
      type: 'message',
      subtype: 'message_changed',
      channel: message.channelId,
      ts: editedTs,
      event_ts: editedTs,
      message: posted.raw,
    });
    if (edit.kind === 'edited') return [edit];
  }
  // A deleted message that had replies stays as a tombstone: kept in place, its words gone.
  if (message.subtype === 'tombstone') {
    const deletion = interpretMessageEvent({
      type: 'message',
      subtype: 'message_deleted',
      channel: message.channelId,
      deleted_ts: message.ts,
      ts: message.ts,
    });
    if (deletion.kind === 'deleted') return [posted, deletion];
  }
  return [posted];
}

function ignored(reason: string): Reading {
  return { kind: 'ignored', reason };
}
