import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { MarkdownBytes } from '../usecases/draft-markdown.ts';
import type { StoredPostmortem } from '../usecases/store-records.ts';
import type { Db } from './db.ts';
import { storedParts } from './draft-parts.ts';
import { preparedOnce } from './prepared.ts';
import {
  draftValues,
  POSTMORTEM_PART_CHARS,
  toStoredPostmortem as toStored,
  writerClaim,
} from './rows-actions.ts';
import { jobClaims, postmortemDocuments, postmortems } from './schema.ts';
import { immediate } from './transact.ts';

export type { StoredPostmortem };

export function createPostmortemRepository(db: Db) {
  // A part given as UTF-8 bytes is bound as a blob and cast to text: SQLite takes the bytes as
  // they are (its encoding is UTF-8), so ten megabytes are never decoded into strings here.
  const insertPart = preparedOnce<[number, number, Uint8Array | string]>(
    db,
    'insert into postmortem_documents (postmortem_id, part, markdown) values (?, ?, cast(? as text))',
  );
  const latestFor = (incidentId: number): StoredPostmortem | null => {
    const row = db
      .select()
      .from(postmortems)
      .where(eq(postmortems.incidentId, incidentId))
      .orderBy(desc(postmortems.id))
      .get();
    return row ? toStored(row) : null;
  };
  return {
    /**
     * Stores a draft to deliver. Its Markdown is written once, apart from the row that status
     * updates rewrite, and a part at a time with a turn of the event loop between parts (one
     * 10 MB write blocks for ~100 ms), under a 'storing' status that nothing delivers: only once
     * the last part is in does the draft become 'pending'. The row is inserted before the first
     * turn of the event loop, in one transaction with `unless`'s look at the latest draft: of
     * two clicks at once, the second sees the first one's row.
     */
    async storePending(
      incidentId: number,
      markdown: string | MarkdownBytes,
      now: number,
      options: {
        fingerprint?: string;
        partChars?: number;
        unless?: (latest: StoredPostmortem | null) => boolean;
        claim?: { holder: string; until: number };
      } = {},
    ): Promise<StoredPostmortem | null> {
      const { fingerprint = null, partChars = POSTMORTEM_PART_CHARS, unless, claim } = options;
      const row = immediate(db, () => {
        if (unless?.(latestFor(incidentId))) return null;
        const inserted = db
          .insert(postmortems)
          .values(draftValues(incidentId, now, fingerprint))
          .returning()
          .get();
        if (claim) db.insert(jobClaims).values(writerClaim(inserted.id, claim)).run();
        return inserted;
      });
      if (row === null) return null;
      let part = 0;
      for (const text of storedParts(markdown, partChars)) {
        if (part > 0) await new Promise<void>((resolve) => setImmediate(resolve));
        insertPart().run(row.id, part, text);
        part++;
      }
      db.update(postmortems).set({ status: 'pending' }).where(eq(postmortems.id, row.id)).run();
      return toStored({ ...row, status: 'pending' });
    },

    /** The stored Markdown of a draft, read only when it is uploaded. */
    markdownOf(id: number): string | null {
      const parts = db
        .select({ markdown: postmortemDocuments.markdown })
        .from(postmortemDocuments)
        .where(eq(postmortemDocuments.postmortemId, id))
        .orderBy(asc(postmortemDocuments.part))
        .all();
      return parts.length === 0 ? null : parts.map((p) => p.markdown).join('');
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

    /** Drafts whose writing a dead process left unfinished ('storing'); nothing delivers them. */
    interrupted(): StoredPostmortem[] {
      return db
        .select()
        .from(postmortems)
        .where(eq(postmortems.status, 'storing'))
        .orderBy(postmortems.id)
        .all()
        .map(toStored);
    },

    /** Removes an unfinished draft and the parts of it that were written. */
    discard(id: number): void {
      db.delete(postmortemDocuments).where(eq(postmortemDocuments.postmortemId, id)).run();
      db.delete(postmortems).where(eq(postmortems.id, id)).run();
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

    latestForIncident: latestFor,
  };
}

export type PostmortemRepository = ReturnType<typeof createPostmortemRepository>;
