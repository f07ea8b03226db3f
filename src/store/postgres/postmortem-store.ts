import { and, asc, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { PostmortemStore } from '../../usecases/store-port.ts';
import { type StoredPart, storedParts, textOf } from '../draft-parts.ts';
import {
  draftValues,
  POSTMORTEM_PART_CHARS,
  toStoredPostmortem,
  writerClaim,
} from '../rows-actions.ts';
import type { PgDb } from './db.ts';
import type { PgExec } from './incident-tx.ts';
import { jobClaims, postmortemDocuments, postmortems } from './schema.ts';

// Drafts over PostgreSQL, stored and read exactly as SQLite's (../postmortems.ts) does.

/**
 * A part as PostgreSQL takes it: UTF-8 bytes (sent as they are, a binary parameter) turned into
 * text by the server, so they are never decoded here; text as text. A part with a NUL byte, which
 * `text` cannot hold, goes as a string, for the connection to write U+FFFD in its place.
 */
function markdownValue(part: StoredPart) {
  if (typeof part === 'string' || part.includes(0)) return textOf(part);
  const bytes = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  return sql<string>`convert_from(${bytes}, 'UTF8')`;
}

const latestFor = async (q: PgExec, incidentId: number) => {
  const [row] = await q
    .select()
    .from(postmortems)
    .where(eq(postmortems.incidentId, incidentId))
    .orderBy(desc(postmortems.id))
    .limit(1);
  return row ? toStoredPostmortem(row) : null;
};

/**
 * Draft decisions of one incident take turns, whichever replica makes them. The latest draft
 * `unless` looks at may not exist yet, so there is no row to lock FOR UPDATE: a lock on the
 * (namespace, incident id) pair instead, held until the new row is committed.
 */
const lockDraftsOf = (q: PgExec, incidentId: number) =>
  q.execute(sql`select pg_advisory_xact_lock(hashtext('postmortem-incident'), ${incidentId})`);

export function createPgPostmortemStore(db: PgDb): PostmortemStore {
  return {
    /**
     * The row ('storing', which nothing delivers) is inserted in one transaction with `unless`'s
     * look at the latest draft: of two clicks at once, the second sees the first one's row. The
     * Markdown follows a part at a time, each part its own statement, so that no transaction (and
     * no pooled connection) is held for the length of a 10 MB write; only once the last part is
     * in does the draft become 'pending'.
     */
    async storePending(incidentId, markdown, now, options = {}) {
      const { fingerprint = null, partChars = POSTMORTEM_PART_CHARS, unless, claim } = options;
      const row = await db.transaction(async (tx) => {
        await lockDraftsOf(tx, incidentId);
        if (unless?.(await latestFor(tx, incidentId))) return null;
        const [inserted] = await tx
          .insert(postmortems)
          .values(draftValues(incidentId, now, fingerprint))
          .returning();
        if (!inserted) throw new Error('the draft insert returned no row');
        if (claim) await tx.insert(jobClaims).values(writerClaim(inserted.id, claim));
        return inserted;
      });
      if (row === null) return null;
      let part = 0;
      for (const text of storedParts(markdown, partChars)) {
        await db
          .insert(postmortemDocuments)
          .values({ postmortemId: row.id, part, markdown: markdownValue(text) });
        part++;
      }
      await db.update(postmortems).set({ status: 'pending' }).where(eq(postmortems.id, row.id));
      return toStoredPostmortem({ ...row, status: 'pending' });
    },

    async markdownOf(id) {
      const parts = await db
        .select({ markdown: postmortemDocuments.markdown })
        .from(postmortemDocuments)
        .where(eq(postmortemDocuments.postmortemId, id))
        .orderBy(asc(postmortemDocuments.part));
      return parts.length === 0 ? null : parts.map((p) => p.markdown).join('');
    },

    async get(id) {
      const [row] = await db.select().from(postmortems).where(eq(postmortems.id, id));
      return row ? toStoredPostmortem(row) : null;
    },

    async markUploaded(id, file) {
      await db
        .update(postmortems)
        .set({ fileId: file.id, filePermalink: file.permalink })
        .where(eq(postmortems.id, id));
    },

    async markPosted(id, ts) {
      await db
        .update(postmortems)
        .set({
          status: 'posted',
          postedTs: ts,
          nextAttemptAt: null,
          attempts: sql`${postmortems.attempts} + 1`,
        })
        .where(eq(postmortems.id, id));
    },

    async markFailed(id, error, retryAt) {
      await db
        .update(postmortems)
        .set({
          lastError: error,
          nextAttemptAt: retryAt,
          attempts: sql`${postmortems.attempts} + 1`,
        })
        .where(eq(postmortems.id, id));
    },

    async interrupted() {
      const rows = await db
        .select()
        .from(postmortems)
        .where(eq(postmortems.status, 'storing'))
        .orderBy(asc(postmortems.id));
      return rows.map(toStoredPostmortem);
    },

    async discard(id) {
      await db.transaction(async (tx) => {
        await tx.delete(postmortemDocuments).where(eq(postmortemDocuments.postmortemId, id));
        await tx.delete(postmortems).where(eq(postmortems.id, id));
      });
    },

    async due(now) {
      const rows = await db
        .select()
        .from(postmortems)
        .where(
          and(
            eq(postmortems.status, 'pending'),
            or(isNull(postmortems.nextAttemptAt), lte(postmortems.nextAttemptAt, now)),
          ),
        )
        .orderBy(asc(postmortems.id));
      return rows.map(toStoredPostmortem);
    },

    latestForIncident: (incidentId) => latestFor(db, incidentId),
  };
}
