import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import {
  ACTION_PURPOSES,
  type ActionPurpose,
  type IncidentDescription,
  type IncidentTag,
  SERVICE_KEY,
} from '../domain/description/types.ts';
import type { DescriptionStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import type { Repositories } from './repositories.ts';
import { toAction } from './rows-actions.ts';
import { toIncidentTag } from './rows-tags.ts';
import { actions, incidents, incidentTags } from './schema.ts';
import { immediate, readAtOnce } from './transact.ts';

/** Tags, category and action purposes over SQLite; each write one IMMEDIATE transaction. */
export function createDescriptionStore(db: Db, repos: Repositories): DescriptionStore {
  const live = (incidentId: number) => liveTagsIn(db, incidentId);

  return {
    async tag(channelId, decide, by, now) {
      return immediate(db, () => {
        const incident = repos.incidents.findLatestInChannel(channelId);
        if (!incident) return null;
        const plan = decide(live(incident.id));
        if (!('ok' in plan)) return plan;
        for (const tag of plan.add) {
          const row = { ...tag, source: 'person', addedBy: by, addedAt: now };
          db.insert(incidentTags)
            .values({ incidentId: incident.id, ...row })
            .onConflictDoUpdate({
              target: [incidentTags.incidentId, incidentTags.key, incidentTags.value],
              set: { ...row, removedAt: null, removedBy: null },
            })
            .run();
        }
        return { incident, added: plan.add };
      });
    },

    async untag(channelId, tag, by, now) {
      return immediate(db, () => {
        const incident = repos.incidents.findLatestInChannel(channelId);
        if (!incident) return null;
        const changed = db
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
          .run();
        return { incident, removed: changed.changes > 0 };
      });
    },

    async suggest(incidentId, decide, now) {
      return immediate(db, () => {
        const seen = db
          .select()
          .from(incidentTags)
          .where(eq(incidentTags.incidentId, incidentId))
          .all();
        const add = decide(seen, seen.filter((t) => t.removedAt === null).length);
        for (const tag of add) {
          db.insert(incidentTags)
            .values({ incidentId, ...tag, addedBy: null, addedAt: now })
            .onConflictDoNothing()
            .run();
        }
        return add;
      });
    },

    async setCategory(channelId, category) {
      return immediate(db, () => {
        const incident = repos.incidents.findLatestInChannel(channelId);
        if (!incident) return null;
        const row = db
          .select({ category: incidents.category })
          .from(incidents)
          .where(eq(incidents.id, incident.id))
          .get();
        db.update(incidents).set({ category }).where(eq(incidents.id, incident.id)).run();
        return { incident, before: row?.category ?? null };
      });
    },

    async setPurpose(actionId, purpose) {
      return immediate(db, () => {
        const row = db.select().from(actions).where(eq(actions.id, actionId)).get();
        if (!row) return null;
        db.update(actions).set({ purpose }).where(eq(actions.id, actionId)).run();
        return { action: toAction(row), before: asPurpose(row.purpose) };
      });
    },

    async describe(incidentId) {
      return readAtOnce(db, () => describeIn(db, incidentId));
    },

    async knownServices() {
      return db
        .selectDistinct({ value: incidentTags.value })
        .from(incidentTags)
        .where(and(eq(incidentTags.key, SERVICE_KEY), isNull(incidentTags.removedAt)))
        .orderBy(asc(incidentTags.value))
        .all()
        .map((r) => r.value);
    },
  };
}

/** Category, live tags and purposes; inside the caller's transaction (the draft's snapshot). */
export function describeIn(db: Db, incidentId: number): IncidentDescription {
  const row = db
    .select({ category: incidents.category })
    .from(incidents)
    .where(eq(incidents.id, incidentId))
    .get();
  const purposes = db
    .select({ id: actions.id, purpose: actions.purpose })
    .from(actions)
    .where(and(eq(actions.incidentId, incidentId), isNotNull(actions.purpose)))
    .all();
  return {
    category: row?.category ?? null,
    tags: row ? liveTagsIn(db, incidentId) : [],
    purposes: purposeMap(purposes),
  };
}

function liveTagsIn(db: Db, incidentId: number): IncidentTag[] {
  return db
    .select()
    .from(incidentTags)
    .where(and(eq(incidentTags.incidentId, incidentId), isNull(incidentTags.removedAt)))
    .orderBy(asc(incidentTags.addedAt), asc(incidentTags.id))
    .all()
    .map(toIncidentTag);
}

export function asPurpose(value: string | null): ActionPurpose | null {
  return ACTION_PURPOSES.find((p) => p === value) ?? null;
}

export function purposeMap(
  rows: ReadonlyArray<{ id: number; purpose: string | null }>,
): Map<number, ActionPurpose> {
  const map = new Map<number, ActionPurpose>();
  for (const r of rows) {
    const purpose = asPurpose(r.purpose);
    if (purpose !== null) map.set(r.id, purpose);
  }
  return map;
}
