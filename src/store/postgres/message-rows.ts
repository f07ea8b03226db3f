import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AlertOccurrence, AlertSignal, RecordedMessage } from '../../domain/types.ts';
import {
  alertChangeValues,
  messageValues,
  toMessageAlert,
  toRecordedMessage,
} from '../rows-incidents.ts';
import type { PgExec } from './incident-tx.ts';
import { alertChanges, messages } from './schema.ts';

// The statements the record path and the draft run on messages and alert_changes. Text that
// orders rows is compared byte by byte (COLLATE "C"), as SQLite does, whatever the database's
// locale: the same rows come back in the same order from both engines.

/** Stores a new message; a second delivery of the same (channel, ts) changes nothing. */
export async function insertIfNew(
  exec: PgExec,
  incidentId: number,
  m: RecordedMessage,
  raw: unknown,
  now: number,
): Promise<boolean> {
  const inserted = await exec
    .insert(messages)
    .values(messageValues(incidentId, m, raw, now))
    .onConflictDoNothing()
    .returning({ id: messages.id });
  return inserted.length > 0;
}

/** Applies an edit: the latest text wins; an edit that arrives first creates the row. */
export async function upsertEdited(
  exec: PgExec,
  incidentId: number,
  m: RecordedMessage,
  raw: unknown,
  now: number,
): Promise<void> {
  const row = messageValues(incidentId, m, raw, now);
  const { incidentId: _i, channelId: _c, ts: _t, recordedAt: _r, ...changes } = row;
  await exec
    .insert(messages)
    .values(row)
    .onConflictDoUpdate({ target: [messages.channelId, messages.ts], set: changes });
}

export async function markDeleted(
  exec: PgExec,
  channelId: string,
  ts: string,
  at: number,
): Promise<void> {
  await exec
    .update(messages)
    .set({ deletedAt: at })
    .where(and(eq(messages.channelId, channelId), eq(messages.ts, ts)));
}

/** Keeps one row per state an alert message showed; a repeated delivery changes nothing. */
export async function recordAlertChange(
  exec: PgExec,
  incidentId: number,
  channelId: string,
  messageTs: string,
  at: number,
  alert: AlertSignal,
): Promise<void> {
  await exec
    .insert(alertChanges)
    .values(alertChangeValues(incidentId, channelId, messageTs, at, alert))
    .onConflictDoNothing();
}

/** Every message of an incident, oldest first, with whether anyone marked it as key. */
export async function messagesOf(exec: PgExec, incidentId: number): Promise<RecordedMessage[]> {
  const rows = await exec
    .select({
      channelId: messages.channelId,
      ts: messages.ts,
      threadTs: messages.threadTs,
      postedAt: messages.postedAt,
      userId: messages.userId,
      botId: messages.botId,
      botName: messages.botName,
      isBot: messages.isBot,
      subtype: messages.subtype,
      text: messages.text,
      editedAt: messages.editedAt,
      deletedAt: messages.deletedAt,
      alertState: messages.alertState,
      alertTitle: messages.alertTitle,
      alertSource: messages.alertSource,
      alertName: messages.alertName,
      alertSeverity: messages.alertSeverity,
      alertFiredAt: messages.alertFiredAt,
      // Spelled out: in a one-table select drizzle drops the table from columns inside sql``,
      // which would compare key_marks with itself.
      key: sql<boolean>`exists (select 1 from key_marks k
        where k.channel_id = messages.channel_id and k.ts = messages.ts)`,
    })
    .from(messages)
    .where(eq(messages.incidentId, incidentId))
    .orderBy(asc(messages.postedAt), sql`${messages.ts} collate "C"`);
  return rows.map(toRecordedMessage);
}

/** Alert occurrences from channel messages, leaving out messages that were deleted. */
export async function messageAlertsOf(
  exec: PgExec,
  incidentId: number,
): Promise<AlertOccurrence[]> {
  const rows = await exec
    .select({ change: alertChanges })
    .from(alertChanges)
    .innerJoin(
      messages,
      and(eq(messages.channelId, alertChanges.channelId), eq(messages.ts, alertChanges.messageTs)),
    )
    .where(and(eq(alertChanges.incidentId, incidentId), isNull(messages.deletedAt)))
    .orderBy(asc(alertChanges.at), asc(alertChanges.id));
  return rows.map(({ change }) => toMessageAlert(change));
}
