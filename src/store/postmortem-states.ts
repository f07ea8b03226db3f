import { and, asc, eq, inArray } from 'drizzle-orm';
import { isRefusal } from '../domain/incident.ts';
import { MUST_WRITE } from '../domain/postmortem-life.ts';
import type { PostmortemStateStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import type { Repositories } from './repositories.ts';
import { toIncident } from './rows-incidents.ts';
import { lifeColumns, toLife } from './rows-postmortem-life.ts';
import { incidents } from './schema.ts';
import { immediate } from './transact.ts';

/** The post-mortem's life over SQLite: each change one transaction with its timeline event. */
export function createPostmortemStateStore(db: Db, repos: Repositories): PostmortemStateStore {
  const lifeOf = (id: number) => {
    const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
    return row ? toLife(row) : null;
  };
  return {
    of: async (incidentId) => lifeOf(incidentId),

    async change(target, decide) {
      return immediate(db, () => {
        const incident =
          'incidentId' in target
            ? repos.incidents.get(target.incidentId)
            : repos.incidents.findLatestInChannel(target.channelId);
        const before = incident && lifeOf(incident.id);
        if (!incident || !before) return null;
        const result = decide(incident, before);
        if (isRefusal(result)) return result;
        db.update(incidents)
          .set(lifeColumns(result.life))
          .where(eq(incidents.id, incident.id))
          .run();
        repos.incidents.addEvent({ ...result.event, incidentId: incident.id });
        return { incident, life: result.life, before };
      });
    },

    async drafts() {
      return db
        .select()
        .from(incidents)
        .where(
          and(
            eq(incidents.status, 'resolved'),
            eq(incidents.postmortemState, 'draft'),
            inArray(incidents.severity, [...MUST_WRITE]),
          ),
        )
        .orderBy(asc(incidents.id))
        .all()
        .map((row) => ({ incident: toIncident(row), life: toLife(row) }));
    },
  };
}
