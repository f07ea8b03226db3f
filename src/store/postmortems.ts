import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { postmortems } from './schema.ts';

export interface StoredPostmortem {
  id: number;
  incidentId: number;
  markdown: string;
  status: 'pending' | 'posted';
  postedTs: string | null;
  attempts: number;
}

export function createPostmortemRepository(db: Db) {
  return {
    insertPending(incidentId: number, markdown: string, now: number): StoredPostmortem {
      const row = db
        .insert(postmortems)
        .values({ incidentId, markdown, createdAt: now, status: 'pending' })
        .returning()
        .get();
      return { ...row, status: 'pending' };
    },

    markPosted(id: number, ts: string): void {
      db.update(postmortems)
        .set({ status: 'posted', postedTs: ts, attempts: sql`${postmortems.attempts} + 1` })
        .where(eq(postmortems.id, id))
        .run();
    },

    markFailed(id: number, error: string): void {
      db.update(postmortems)
        .set({ lastError: error, attempts: sql`${postmortems.attempts} + 1` })
        .where(eq(postmortems.id, id))
        .run();
    },

    pending(): StoredPostmortem[] {
      return db
        .select()
        .from(postmortems)
        .where(eq(postmortems.status, 'pending'))
        .orderBy(asc(postmortems.id))
        .all()
        .map((r) => ({ ...r, status: 'pending' as const }));
    },

    latestForIncident(incidentId: number): StoredPostmortem | null {
      const row = db
        .select()
        .from(postmortems)
        .where(and(eq(postmortems.incidentId, incidentId)))
        .orderBy(sql`${postmortems.id} desc`)
        .get();
      return row ? { ...row, status: row.status as StoredPostmortem['status'] } : null;
    },
  };
}

export type PostmortemRepository = ReturnType<typeof createPostmortemRepository>;
