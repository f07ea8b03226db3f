import { inArray, sql } from 'drizzle-orm';
import type { HeldWindow, ImportedIncident } from '../../usecases/store-records.ts';
import type { PgDb } from './db.ts';
import { addEvent, getIncident, insertIncident } from './incident-rows.ts';
import { lockChannel, type PgExec, retryOnceAfterRace } from './incident-tx.ts';
import { applyMessageChange } from './message-changes.ts';
import { messages, people } from './schema.ts';

/**
 * Stores a whole imported incident in one transaction, or nothing when any of its messages is
 * already stored. The channels' locks (in one order, so two imports cannot deadlock) make two
 * imports of the same window take turns: the second finds the first's messages and is refused.
 */
export function importWhole(
  db: PgDb,
  plan: ImportedIncident,
  now: number,
): Promise<{ incidentId: number } | { heldBy: HeldWindow }> {
  const channels = new Set([plan.incident.channelId, ...plan.messageKeys.map((k) => k.channelId)]);
  return retryOnceAfterRace(() =>
    db.transaction(async (tx) => {
      for (const channelId of [...channels].sort()) await lockChannel(tx, channelId);
      const heldBy = await heldWindow(tx, plan);
      if (heldBy) return { heldBy };
      const { id } = await insertIncident(tx, plan.incident);
      for (const event of plan.events) await addEvent(tx, { ...event, incidentId: id });
      for (const change of plan.changes) await applyMessageChange(tx, id, change, now);
      await addUnknownPeople(tx, plan, now);
      return { incidentId: id };
    }),
  );
}

/** The incident holding most of the import's messages, if any is stored already. */
async function heldWindow(tx: PgExec, plan: ImportedIncident): Promise<HeldWindow | null> {
  if (plan.messageKeys.length === 0) return null;
  const { rows } = await tx.execute<{ channel_id: string; ts: string; incident_id: number }>(sql`
    select m.channel_id, m.ts, m.incident_id from ${messages} m
      join unnest(${sql.param(plan.messageKeys.map((k) => k.channelId))}::text[],
                  ${sql.param(plan.messageKeys.map((k) => k.ts))}::text[]) as k(channel_id, ts)
        on m.channel_id = k.channel_id and m.ts = k.ts`);
  const holderOf = new Map(rows.map((r) => [keyOf(r.channel_id, r.ts), r.incident_id]));
  // Counted and ranked exactly as the SQLite engine does, ties going to the first one seen.
  const holders = new Map<number, number>();
  for (const { channelId, ts } of plan.messageKeys) {
    const incidentId = holderOf.get(keyOf(channelId, ts));
    if (incidentId !== undefined) holders.set(incidentId, (holders.get(incidentId) ?? 0) + 1);
  }
  const [first] = [...holders.entries()].sort((a, b) => b[1] - a[1]);
  if (first === undefined) return null;
  const [incidentId, count] = first;
  return { incidentId, count, title: (await getIncident(tx, incidentId))?.title ?? null };
}

const keyOf = (channelId: string, ts: string) => JSON.stringify([channelId, ts]);

/** Profiles already stored are kept as they are: the export's may be older. */
async function addUnknownPeople(tx: PgExec, plan: ImportedIncident, now: number): Promise<void> {
  if (plan.people.length === 0) return;
  const ids = [...new Set(plan.people.map((p) => p.id))];
  const stored = await tx.select({ id: people.id }).from(people).where(inArray(people.id, ids));
  const known = new Set(stored.map((p) => p.id));
  for (const person of plan.people) {
    if (known.has(person.id)) continue;
    await tx
      .insert(people)
      .values({ ...person, fetchedAt: now })
      .onConflictDoUpdate({
        target: people.id,
        set: { name: person.name, tz: person.tz, fetchedAt: now },
      });
  }
}
