import { and, desc, eq, getTableColumns, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { postmortems } from './schema.ts';

export interface StoredPostmortem {
  id: number;
  incidentId: number;
  markdown: string;
  status: 'pending' | 'posted';
  postedTs: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  fileId: string | null;
  filePermalink: string | null;
}

type Row = typeof postmortems.$inferSelect;

function toStored(row: Row): StoredPostmortem {
  return {
    id: row.id,
    incidentId: row.incidentId,
    markdown: row.markdown,
    status: row.status as StoredPostmortem['status'],
    postedTs: row.postedTs,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    fileId: row.fileId,
    filePermalink: row.filePermalink,
  };
}

export function createPostmortemRepository(db: Db) {
  return {
    insertPending(incidentId: number, markdown: string, now: number): StoredPostmortem {
      // Not reading the Markdown back: a long incident's runs to megabytes.
      const { markdown: _m, ...columns } = getTableColumns(postmortems);
      const row = db
        .insert(postmortems)
        .values({ incidentId, markdown, createdAt: now, status: 'pending', nextAttemptAt: now })
        .returning(columns)
        .get();
      return toStored({ ...row, markdown });
    },

    get(id: number): StoredPostmortem | null {
      const row = db.select().from(postmortems).where(eq(postmortems.id, id)).get();
      return row ? toStored(row) : null;
    },

    markUploaded(id: number, file: { id: string; permalink: string | null }): void {
      db.update(postmortems)
        .set({ fileId: file.id, filePermalink: file.permalink })
        .where(eq(postmortems.id, id))
        .run();
    },

    markPosted(id: number, ts: string): void {
      db.update(postmortems)
        .set({
          status: 'posted',
          postedTs: ts,
          nextAttemptAt: null,
          attempts: sql`${postmortems.attempts} + 1`,
        })
        .where(eq(postmortems.id, id))
        .run();
    },

    /** Records a failed attempt and when to try again. */
    markFailed(id: number, error: string, retryAt: number): void {
      db.update(postmortems)
        .set({
          lastError: error,
          nextAttemptAt: retryAt,
          attempts: sql`${postmortems.attempts} + 1`,
        })
        .where(eq(postmortems.id, id))
        .run();
    },

    /** Drafts Slack has not accepted yet whose next attempt is due. */
    due(now: number): StoredPostmortem[] {
      return db
        .select()
        .from(postmortems)
        .where(
          and(
            eq(postmortems.status, 'pending'),
            or(isNull(postmortems.nextAttemptAt), lte(postmortems.nextAttemptAt, now)),
          ),
        )
        .orderBy(postmortems.id)
        .all()
        .map(toStored);
    },

    latestForIncident(incidentId: number): StoredPostmortem | null {
      const row = db
        .select()
        .from(postmortems)
        .where(eq(postmortems.incidentId, incidentId))
        .orderBy(desc(postmortems.id))
        .get();
      return row ? toStored(row) : null;
    },
  };
}

export type PostmortemRepository = ReturnType<typeof createPostmortemRepository>;
