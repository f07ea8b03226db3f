import { and, eq } from 'drizzle-orm';
import type { KeyMarkStore } from '../../usecases/store-port.ts';
import type { PgDb } from './db.ts';
import { keyMarks } from './schema.ts';

/** Key marks over PostgreSQL: one statement each, the unique key making a repeat a no-op. */
export function createPgKeyMarkStore(db: PgDb): KeyMarkStore {
  return {
    async add(mark, now) {
      const added = await db
        .insert(keyMarks)
        .values({ ...mark, markedAt: now })
        .onConflictDoNothing()
        .returning({ id: keyMarks.id });
      return added.length > 0;
    },

    async remove(mark) {
      const removed = await db
        .delete(keyMarks)
        .where(
          and(
            eq(keyMarks.channelId, mark.channelId),
            eq(keyMarks.ts, mark.ts),
            eq(keyMarks.kind, mark.kind),
            eq(keyMarks.userId, mark.userId),
          ),
        )
        .returning({ id: keyMarks.id });
      return removed.length > 0;
    },
  };
}
