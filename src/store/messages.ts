import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { AlertSignal, AlertSource, AlertState, RecordedMessage } from '../domain/types.ts';
import type { Db } from './db.ts';
import { keyMarks, messages, processedEvents } from './schema.ts';

type MessageRow = typeof messages.$inferSelect;

function toAlert(row: MessageRow): AlertSignal | null {
  if (!row.alertState || row.alertTitle === null) return null;
  return {
    state: row.alertState as AlertState,
    title: row.alertTitle,
    source: (row.alertSource ?? 'generic') as AlertSource,
    name: row.alertName ?? row.alertTitle,
    severity: row.alertSeverity,
    firedAt: row.alertFiredAt,
  };
}

function toRecorded(row: MessageRow, key: boolean): RecordedMessage {
  return {
    channelId: row.channelId,
    ts: row.ts,
    threadTs: row.threadTs,
    postedAt: row.postedAt,
    userId: row.userId,
    botId: row.botId,
    botName: row.botName,
    isBot: row.isBot,
    subtype: row.subtype,
    text: row.text,
    editedAt: row.editedAt,
    deleted: row.deletedAt !== null,
    alert: toAlert(row),
    key,
  };
}

function toRow(incidentId: number, m: RecordedMessage, raw: unknown, recordedAt: number) {
  return {
    incidentId,
    channelId: m.channelId,
    ts: m.ts,
    threadTs: m.threadTs,
    postedAt: m.postedAt,
    userId: m.userId,
    botId: m.botId,
    botName: m.botName,
    isBot: m.isBot,
    subtype: m.subtype,
    text: m.text,
    editedAt: m.editedAt,
    alertState: m.alert?.state ?? null,
    alertTitle: m.alert?.title ?? null,
    alertSource: m.alert?.source ?? null,
    alertName: m.alert?.name ?? null,
    alertSeverity: m.alert?.severity ?? null,
    alertFiredAt: m.alert?.firedAt ?? null,
    raw: JSON.stringify(raw),
    recordedAt,
  };
}

export function createMessageRepository(db: Db) {
  return {
    /** Stores a new message; a second delivery of the same (channel, ts) changes nothing. */
    insertIfNew(incidentId: number, m: RecordedMessage, raw: unknown, now: number): boolean {
      const result = db
        .insert(messages)
        .values(toRow(incidentId, m, raw, now))
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },

    /** Applies an edit: the latest text wins; an edit that arrives first creates the row. */
    upsertEdited(incidentId: number, m: RecordedMessage, raw: unknown, now: number): void {
      const row = toRow(incidentId, m, raw, now);
      const { incidentId: _i, channelId: _c, ts: _t, recordedAt: _r, ...changes } = row;
      db.insert(messages)
        .values(row)
        .onConflictDoUpdate({ target: [messages.channelId, messages.ts], set: changes })
        .run();
    },

    markDeleted(channelId: string, ts: string, at: number): boolean {
      const result = db
        .update(messages)
        .set({ deletedAt: at })
        .where(and(eq(messages.channelId, channelId), eq(messages.ts, ts)))
        .run();
      return result.changes > 0;
    },

    forIncident(incidentId: number): RecordedMessage[] {
      const isKey = sql<number>`exists (select 1 from ${keyMarks} where ${keyMarks.channelId} = ${messages.channelId} and ${keyMarks.ts} = ${messages.ts})`;
      return db
        .select({ row: messages, key: isKey })
        .from(messages)
        .where(eq(messages.incidentId, incidentId))
        .orderBy(asc(messages.postedAt), asc(messages.ts))
        .all()
        .map(({ row, key }) => toRecorded(row, Boolean(key)));
    },

    /** The newest recorded ts in a channel for an incident: where backfill resumes. */
    newestTs(incidentId: number): string | null {
      return (
        db
          .select({ ts: messages.ts })
          .from(messages)
          .where(eq(messages.incidentId, incidentId))
          .orderBy(desc(messages.postedAt), desc(messages.ts))
          .get()?.ts ?? null
      );
    },

    /** Thread parents of an incident: where later replies can appear that history alone misses. */
    threadRoots(incidentId: number): string[] {
      const rows = db.all<{ ts: string }>(sql`
        select distinct thread_ts as ts from ${messages}
          where ${messages.incidentId} = ${incidentId} and ${messages.threadTs} is not null
        union
        select ts from ${messages}
          where ${messages.incidentId} = ${incidentId} and json_extract(${messages.raw}, '$.reply_count') > 0`);
      return rows.map((r) => r.ts);
    },

    find(channelId: string, ts: string): { incidentId: number; postedAt: number } | null {
      return (
        db
          .select({ incidentId: messages.incidentId, postedAt: messages.postedAt })
          .from(messages)
          .where(and(eq(messages.channelId, channelId), eq(messages.ts, ts)))
          .get() ?? null
      );
    },

    /** Records an event id; false when Slack already delivered it (a retry). */
    claimEvent(eventId: string, now: number): boolean {
      const result = db
        .insert(processedEvents)
        .values({ eventId, receivedAt: now })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },

    /** Slack retries within minutes; ids older than `before` can go. */
    forgetEventsBefore(before: number): number {
      return db.delete(processedEvents).where(lt(processedEvents.receivedAt, before)).run().changes;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
