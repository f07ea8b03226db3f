import { and, count, desc, eq, isNotNull, lt, sql } from 'drizzle-orm';
import type { MessageStore } from '../../usecases/store-port.ts';
import type { AppliedChange } from '../../usecases/store-records.ts';
import type { PgDb } from './db.ts';
import { retryOnceAfterRace } from './incident-tx.ts';
import { applyMessageChange } from './message-changes.ts';
import { recordEventOnce } from './record-event.ts';
import { messages, processedEvents } from './schema.ts';

/**
 * The messages side of the Store port over PostgreSQL. Two replicas recording the same event or
 * the same (channel, ts) at once meet on the unique keys: the second waits for the first to
 * commit, then stores nothing and answers `duplicate`.
 */
export function createPgMessageStore(db: PgDb): MessageStore {
  return {
    // No lock on the incident: a message belongs to the incident open when it arrived, and
    // taking one on every event would serialise a channel's whole ingest. One statement, one
    // round trip (./record-event.ts).
    recordEvent(input) {
      return retryOnceAfterRace(() => recordEventOnce(db, input));
    },

    recordChanges(incidentId, changes, now) {
      return retryOnceAfterRace(() =>
        db.transaction(async (tx) => {
          const applied: AppliedChange[] = [];
          for (const change of changes) {
            applied.push(await applyMessageChange(tx, incidentId, change, now));
          }
          return applied;
        }),
      );
    },

    async find(channelId, ts) {
      const [row] = await db
        .select({ incidentId: messages.incidentId, postedAt: messages.postedAt })
        .from(messages)
        .where(and(eq(messages.channelId, channelId), eq(messages.ts, ts)))
        .limit(1);
      return row ?? null;
    },

    async countForIncident(incidentId) {
      const [row] = await db
        .select({ n: count() })
        .from(messages)
        .where(eq(messages.incidentId, incidentId));
      return row?.n ?? 0;
    },

    async authorsOf(incidentId) {
      const rows = await db
        .selectDistinct({ userId: messages.userId })
        .from(messages)
        .where(and(eq(messages.incidentId, incidentId), isNotNull(messages.userId)));
      return rows.flatMap((r) => (r.userId ? [r.userId] : []));
    },

    async newestTs(incidentId) {
      const [row] = await db
        .select({ ts: messages.ts })
        .from(messages)
        .where(eq(messages.incidentId, incidentId))
        .orderBy(desc(messages.postedAt), sql`${messages.ts} collate "C" desc`)
        .limit(1);
      return row?.ts ?? null;
    },

    // `json`, not `jsonb`: it only checks the syntax, so a \u0000 in someone's text cannot fail
    // the read. Ordered as SQLite's UNION answers (byte order).
    async threadRoots(incidentId) {
      const { rows } = await db.execute<{ ts: string }>(sql`
        select ts from (
          select thread_ts as ts from ${messages}
            where ${messages.incidentId} = ${incidentId} and ${messages.threadTs} is not null
          union
          select ts from ${messages}
            where ${messages.incidentId} = ${incidentId}
              and json_typeof(${messages.raw}::json -> 'reply_count') = 'number'
              and (${messages.raw}::json ->> 'reply_count')::numeric > 0
        ) as roots
        order by ts collate "C"`);
      return rows.map((r) => r.ts);
    },

    async forgetEventsBefore(before) {
      const result = await db.delete(processedEvents).where(lt(processedEvents.receivedAt, before));
      return result.rowCount ?? 0;
    },
  };
}
