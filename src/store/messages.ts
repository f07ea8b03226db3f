import { and, asc, eq, lt } from 'drizzle-orm';
import type { AlertState, RecordedMessage } from '../domain/types.ts';
import type { Db } from './db.ts';
import { messages, processedEvents } from './schema.ts';

type MessageRow = typeof messages.$inferSelect;

function toRecorded(row: MessageRow): RecordedMessage {
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
    alert:
      row.alertState && row.alertTitle !== null
        ? { state: row.alertState as AlertState, title: row.alertTitle }
        : null,
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
      return db
        .select()
        .from(messages)
        .where(eq(messages.incidentId, incidentId))
        .orderBy(asc(messages.postedAt), asc(messages.ts))
        .all()
        .map(toRecorded);
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
