import { asc, eq } from 'drizzle-orm';
import type { FilledSection } from '../domain/types.ts';
import type { Db } from './db.ts';
import { toSection } from './rows-incidents.ts';
import { sections } from './schema.ts';

export function createSectionRepository(db: Db) {
  return {
    /** Every write is kept: the draft shows the latest summary/impact/cause and every learning. */
    add(incidentId: number, section: FilledSection): void {
      db.insert(sections)
        .values({ incidentId, ...section })
        .run();
    },

    forIncident(incidentId: number): FilledSection[] {
      return db
        .select()
        .from(sections)
        .where(eq(sections.incidentId, incidentId))
        .orderBy(asc(sections.at), asc(sections.id))
        .all()
        .map(toSection);
    },
  };
}
