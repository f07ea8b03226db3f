import { asc, eq } from 'drizzle-orm';
import type { FilledSection } from '../../domain/types.ts';
import type { SectionStore } from '../../usecases/store-port.ts';
import { toSection } from '../rows-incidents.ts';
import type { PgDb } from './db.ts';
import { findLatestInChannel } from './incident-rows.ts';
import type { PgExec } from './incident-tx.ts';
import { sections } from './schema.ts';

/** Post-mortem sections over PostgreSQL: every write is kept, the draft picks what it shows. */
export function createPgSectionStore(db: PgDb): SectionStore {
  return {
    addToLatest(channelId, section) {
      return db.transaction(async (tx) => {
        const incident = await findLatestInChannel(tx, channelId);
        if (incident) await tx.insert(sections).values({ incidentId: incident.id, ...section });
        return incident;
      });
    },
  };
}

export async function sectionsOf(exec: PgExec, incidentId: number): Promise<FilledSection[]> {
  const rows = await exec
    .select()
    .from(sections)
    .where(eq(sections.incidentId, incidentId))
    .orderBy(asc(sections.at), asc(sections.id));
  return rows.map(toSection);
}
