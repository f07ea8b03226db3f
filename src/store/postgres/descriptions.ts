import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import { type IncidentDescription, SERVICE_KEY } from '../../domain/description/types.ts';
import type { DescriptionStore } from '../../usecases/store-port.ts';
import { asPurpose, purposeMap } from '../descriptions.ts';
import { toAction } from '../rows-actions.ts';
import { toIncidentTag } from '../rows-tags.ts';
import type { PgDb } from './db.ts';
import { findLatestInChannel } from './incident-rows.ts';
import type { PgExec } from './incident-tx.ts';
import { actions, incidents, incidentTags } from './schema.ts';

/**
 * Tags, category and action purposes over PostgreSQL. Each write locks its incident (or action)
 * row first, so two replicas adding tags at once see each other's and keep within the limit.
 */
export function createPgDescriptionStore(db: PgDb): DescriptionStore {
  return {
    tag(channelId, decide, by, now) {
      return db.transaction(async (tx) => {
        const incident = await findLatestInChannel(tx, channelId, true);
        if (!incident) return null;
        const plan = decide(await liveTags(tx, incident.id));
        if (!('ok' in plan)) return plan;
        for (const tag of plan.add) {
          const row = { ...tag, source: 'person', addedBy: by, addedAt: now };
          await tx
            .insert(incidentTags)
            .values({ incidentId: incident.id, ...row })
            .onConflictDoUpdate({
              target: [incidentTags.incidentId, incidentTags.key, incidentTags.value],
              set: { ...row, removedAt: null, removedBy: null },
            });
        }
        return { incident, added: plan.add };
      });
    },

    untag(channelId, tag, by, now) {
      return db.transaction(async (tx) => {
        const incident = await findLatestInChannel(tx, channelId, true);
        if (!incident) return null;
        const removed = await tx
          .update(incidentTags)
          .set({ removedAt: now, removedBy: by })
          .where(
            and(
              eq(incidentTags.incidentId, incident.id),
              eq(incidentTags.key, tag.key),
              eq(incidentTags.value, tag.value),
              isNull(incidentTags.removedAt),
            ),
          )
          .returning({ id: incidentTags.id });
        return { incident, removed: removed.length > 0 };
      });
    },

    suggest(incidentId, decide, now) {
      return db.transaction(async (tx) => {
        const [locked] = await tx
          .select({ id: incidents.id })
          .from(incidents)
          .where(eq(incidents.id, incidentId))
          .for('update');
        if (!locked) return [];
        const seen = await tx
          .select()
          .from(incidentTags)
          .where(eq(incidentTags.incidentId, incidentId));
        const add = decide(seen, seen.filter((t) => t.removedAt === null).length);
        for (const tag of add) {
          await tx
            .insert(incidentTags)
            .values({ incidentId, ...tag, addedBy: null, addedAt: now })
            .onConflictDoNothing();
        }
        return add;
      });
    },

    setCategory(channelId, category) {
      return db.transaction(async (tx) => {
        const incident = await findLatestInChannel(tx, channelId, true);
        if (!incident) return null;
        const [row] = await tx
          .select({ category: incidents.category })
          .from(incidents)
          .where(eq(incidents.id, incident.id));
        await tx.update(incidents).set({ category }).where(eq(incidents.id, incident.id));
        return { incident, before: row?.category ?? null };
      });
    },

    setPurpose(actionId, purpose) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(actions).where(eq(actions.id, actionId)).for('update');
        if (!row) return null;
        await tx.update(actions).set({ purpose }).where(eq(actions.id, actionId));
        return { action: toAction(row), before: asPurpose(row.purpose) };
      });
    },

    describe(incidentId) {
      return db.transaction((tx) => describeIn(tx, incidentId), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      });
    },

    async knownServices() {
      const rows = await db
        .selectDistinct({ value: incidentTags.value })
        .from(incidentTags)
        .where(and(eq(incidentTags.key, SERVICE_KEY), isNull(incidentTags.removedAt)))
        .orderBy(asc(incidentTags.value));
      return rows.map((r) => r.value);
    },
  };
}

/** Category, live tags and purposes; inside the caller's transaction (the draft's snapshot). */
export async function describeIn(exec: PgExec, incidentId: number): Promise<IncidentDescription> {
  const [row] = await exec
    .select({ category: incidents.category })
    .from(incidents)
    .where(eq(incidents.id, incidentId));
  const purposes = await exec
    .select({ id: actions.id, purpose: actions.purpose })
    .from(actions)
    .where(and(eq(actions.incidentId, incidentId), isNotNull(actions.purpose)));
  return {
    category: row?.category ?? null,
    tags: row ? await liveTags(exec, incidentId) : [],
    purposes: purposeMap(purposes),
  };
}

async function liveTags(exec: PgExec, incidentId: number) {
  const rows = await exec
    .select()
    .from(incidentTags)
    .where(and(eq(incidentTags.incidentId, incidentId), isNull(incidentTags.removedAt)))
    .orderBy(asc(incidentTags.addedAt), asc(incidentTags.id));
  return rows.map(toIncidentTag);
}
