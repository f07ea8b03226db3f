import { and, eq } from 'drizzle-orm';
import type { KeyMark } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { keyMarks } from './schema.ts';

export function createKeyMarkRepository(db: Db) {
  return {
    /** False when this person already marked the message this way (a retried event). */
    add(mark: KeyMark, now: number): boolean {
      return (
        db
          .insert(keyMarks)
          .values({ ...mark, markedAt: now })
          .onConflictDoNothing()
          .run().changes > 0
      );
    },

    remove(mark: KeyMark): boolean {
      return (
        db
          .delete(keyMarks)
          .where(
            and(
              eq(keyMarks.channelId, mark.channelId),
              eq(keyMarks.ts, mark.ts),
              eq(keyMarks.kind, mark.kind),
              eq(keyMarks.userId, mark.userId),
            ),
          )
          .run().changes > 0
      );
    },
  };
}

export type KeyMarkRepository = ReturnType<typeof createKeyMarkRepository>;
