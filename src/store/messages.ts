import type { Statement } from 'better-sqlite3';
import { and, count, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { AlertSignal, AlertSource, AlertState, RecordedMessage } from '../domain/types.ts';
import type { Db } from './db.ts';
import { messages, processedEvents } from './schema.ts';

type MessageRow = Omit<typeof messages.$inferSelect, 'raw'>;

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

/** The columns a RecordedMessage needs, as SQLite names them (see FOR_INCIDENT). */
interface RecordedRow {
  channel_id: string;
  ts: string;
  thread_ts: string | null;
  posted_at: number;
  user_id: string | null;
  bot_id: string | null;
  bot_name: string | null;
  is_bot: number;
  subtype: string | null;
  text: string;
  edited_at: number | null;
  deleted_at: number | null;
  alert_state: string | null;
  alert_title: string | null;
  alert_source: string | null;
  alert_name: string | null;
  alert_severity: string | null;
  alert_fired_at: number | null;
  key: number;
}

const FOR_INCIDENT = `
  select m.channel_id, m.ts, m.thread_ts, m.posted_at, m.user_id, m.bot_id, m.bot_name, m.is_bot,
    m.subtype, m.text, m.edited_at, m.deleted_at, m.alert_state, m.alert_title, m.alert_source,
    m.alert_name, m.alert_severity, m.alert_fired_at,
    exists (select 1 from key_marks k where k.channel_id = m.channel_id and k.ts = m.ts) as key
  from messages m where m.incident_id = ? order by m.posted_at, m.ts`;

function fromRecordedRow(r: RecordedRow): RecordedMessage {
  return toRecorded(
    {
      id: 0,
      incidentId: 0,
      channelId: r.channel_id,
      ts: r.ts,
      threadTs: r.thread_ts,
      postedAt: r.posted_at,
      userId: r.user_id,
      botId: r.bot_id,
      botName: r.bot_name,
      isBot: r.is_bot !== 0,
      subtype: r.subtype,
      text: r.text,
      editedAt: r.edited_at,
      deletedAt: r.deleted_at,
      alertState: r.alert_state,
      alertTitle: r.alert_title,
      alertSource: r.alert_source,
      alertName: r.alert_name,
      alertSeverity: r.alert_severity,
      alertFiredAt: r.alert_fired_at,
      recordedAt: 0,
    },
    r.key !== 0,
  );
}

export function createMessageRepository(db: Db) {
  let forIncidentStatement: Statement<[number], RecordedRow> | undefined;
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

    /**
     * Every message of an incident, oldest first. A long incident has tens of thousands: rows are
     * streamed straight into the domain shape (no intermediate copies, no raw JSON), which keeps
     * both the time and the memory of a draft close to the size of the result.
     */
    forIncident(incidentId: number): RecordedMessage[] {
      if (!forIncidentStatement) forIncidentStatement = db.$client.prepare(FOR_INCIDENT);
      const out: RecordedMessage[] = [];
      for (const row of forIncidentStatement.iterate(incidentId)) out.push(fromRecordedRow(row));
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
