import { and, count, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { RecordedMessage } from '../domain/types.ts';
import type { Db } from './db.ts';
import { preparedOnce } from './prepared.ts';
import { messageValues, type RecordedColumns, toRecordedMessage } from './rows-incidents.ts';
import { messages, processedEvents } from './schema.ts';

// The columns a RecordedMessage needs, named as rows-incidents.ts reads them.
const FOR_INCIDENT = `
  select m.channel_id as channelId, m.ts, m.thread_ts as threadTs, m.posted_at as postedAt,
    m.user_id as userId, m.bot_id as botId, m.bot_name as botName, m.is_bot as isBot, m.subtype,
    m.text, m.edited_at as editedAt, m.deleted_at as deletedAt, m.alert_state as alertState,
    m.alert_title as alertTitle, m.alert_source as alertSource, m.alert_name as alertName,
    m.alert_severity as alertSeverity, m.alert_fired_at as alertFiredAt,
    exists (select 1 from key_marks k where k.channel_id = m.channel_id and k.ts = m.ts) as key
  from messages m where m.incident_id = ? order by m.posted_at, m.ts`;

// The record path runs these for every event: prepared once, not built by drizzle per call.
const INSERT_IF_NEW = `
  insert into messages (incident_id, channel_id, ts, thread_ts, posted_at, user_id, bot_id,
    bot_name, is_bot, subtype, text, edited_at, alert_state, alert_title, alert_source, alert_name,
    alert_severity, alert_fired_at, raw, recorded_at)
  values (@incidentId, @channelId, @ts, @threadTs, @postedAt, @userId, @botId, @botName, @isBot,
    @subtype, @text, @editedAt, @alertState, @alertTitle, @alertSource, @alertName,
    @alertSeverity, @alertFiredAt, @raw, @recordedAt)
  on conflict do nothing`;
const CLAIM_EVENT = `
  insert into processed_events (event_id, received_at) values (?, ?) on conflict do nothing`;

export function createMessageRepository(db: Db) {
  const forIncidentStatement = preparedOnce<[number], RecordedColumns>(db, FOR_INCIDENT);
  const insertIfNewStatement = preparedOnce<[Record<string, unknown>]>(db, INSERT_IF_NEW);
  const claimEventStatement = preparedOnce<[string, number]>(db, CLAIM_EVENT);
  return {
    /** Stores a new message; a second delivery of the same (channel, ts) changes nothing. */
    insertIfNew(incidentId: number, m: RecordedMessage, raw: unknown, now: number): boolean {
      const row = messageValues(incidentId, m, raw, now);
      return insertIfNewStatement().run({ ...row, isBot: row.isBot ? 1 : 0 }).changes > 0;
    },

    /** Applies an edit: the latest text wins; an edit that arrives first creates the row. */
    upsertEdited(incidentId: number, m: RecordedMessage, raw: unknown, now: number): void {
      const row = messageValues(incidentId, m, raw, now);
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

    /**
     * Every message of an incident, oldest first. A long incident has tens of thousands: rows are
     * streamed straight into the domain shape (no intermediate copies, no raw JSON), which keeps
     * both the time and the memory of a draft close to the size of the result.
     */
    forIncident(incidentId: number): RecordedMessage[] {
      const out: RecordedMessage[] = [];
      for (const row of forIncidentStatement().iterate(incidentId))
        out.push(toRecordedMessage(row));
      return out;
    },

    countForIncident(incidentId: number): number {
      return (
        db.select({ n: count() }).from(messages).where(eq(messages.incidentId, incidentId)).get()
          ?.n ?? 0
      );
    },

    /** Every user id on an incident's messages, without loading the messages. */
    authorsOf(incidentId: number): string[] {
      return db
        .selectDistinct({ userId: messages.userId })
        .from(messages)
        .where(and(eq(messages.incidentId, incidentId), isNotNull(messages.userId)))
        .all()
        .flatMap((r) => (r.userId ? [r.userId] : []));
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
      return claimEventStatement().run(eventId, now).changes > 0;
    },

    /** Slack retries within minutes; ids older than `before` can go. */
    forgetEventsBefore(before: number): number {
      return db.delete(processedEvents).where(lt(processedEvents.receivedAt, before)).run().changes;
    },
  };
}

export type MessageRepository = ReturnType<typeof createMessageRepository>;
