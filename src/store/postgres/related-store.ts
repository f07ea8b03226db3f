import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { RelatedFindings, RelatedSearch } from '../../usecases/related-records.ts';
import type { RelatedStore } from '../../usecases/store-port.ts';
import {
  distinctNames,
  findingsOf,
  incidentsToRead,
  textQuery,
  toFollowUp,
  toRecordedRelation,
} from '../related-rows.ts';
import { toIncident } from '../rows-incidents.ts';
import type { PgDb } from './db.ts';
import type { PgExec } from './incident-tx.ts';
import {
  actions,
  alertChanges,
  incidentRelations,
  incidents,
  incidentTags,
  preventionMatches,
  sections,
  webhookAlerts,
} from './schema.ts';

/** One snapshot for a multi-statement read (see incident-snapshot.ts). */
const READ_AT_ONCE = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * Related incidents over PostgreSQL. Words are matched with full-text search on expressions the
 * GIN indexes of migration 0003 cover (`to_tsvector('english', …)` of titles and sections), so
 * there is no search column to keep in step.
 */
export function createPgRelatedStore(db: PgDb): RelatedStore {
  return {
    profile(incidentId) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
        if (!row) return null;
        // One round trip for both sources of alert names.
        const alertNames = distinctNames(
          await tx
            .select({ name: alertChanges.name })
            .from(alertChanges)
            .where(eq(alertChanges.incidentId, incidentId))
            .union(
              tx
                .select({ name: webhookAlerts.name })
                .from(webhookAlerts)
                .where(eq(webhookAlerts.incidentId, incidentId)),
            ),
        );
        const tags = await tx
          .select({ key: incidentTags.key, value: incidentTags.value })
          .from(incidentTags)
          .where(and(eq(incidentTags.incidentId, incidentId), isNull(incidentTags.removedAt)))
          .orderBy(asc(incidentTags.id));
        const texts = (
          await tx
            .select({ text: sections.text })
            .from(sections)
            .where(eq(sections.incidentId, incidentId))
            .orderBy(asc(sections.at), asc(sections.id))
        ).map((r) => r.text);
        return { incident: toIncident(row), alertNames, tags, texts };
      }, READ_AT_ONCE);
    },

    candidates(search) {
      return db.transaction((tx) => candidatesIn(tx, search), READ_AT_ONCE);
    },

    async unfinishedActions(incidentIds) {
      if (incidentIds.length === 0) return [];
      const rows = await db
        .select({ action: actions, incident: incidents })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .where(
          and(
            inArray(actions.incidentId, [...incidentIds]),
            inArray(actions.status, ['open', 'dropped']),
          ),
        )
        .orderBy(asc(actions.incidentId), asc(actions.id));
      return rows.map(toFollowUp);
    },

    record(incidentId, relations, actionIds, now) {
      return db.transaction(async (tx) => {
        for (const r of relations) {
          const reasons = JSON.stringify(r.reasons);
          await tx
            .insert(incidentRelations)
            .values({ incidentId, relatedId: r.relatedId, reasons, score: r.score, foundAt: now })
            .onConflictDoUpdate({
              target: [incidentRelations.incidentId, incidentRelations.relatedId],
              set: { reasons, score: r.score },
            });
        }
        for (const actionId of actionIds) {
          await tx
            .insert(preventionMatches)
            .values({ incidentId, actionId, foundAt: now })
            .onConflictDoNothing();
        }
        const posted = new Map<number, string | null>();
        if (relations.length === 0) return posted;
        const rows = await tx
          .select({ relatedId: incidentRelations.relatedId, postedTs: incidentRelations.postedTs })
          .from(incidentRelations)
          .where(
            and(
              eq(incidentRelations.incidentId, incidentId),
              inArray(
                incidentRelations.relatedId,
                relations.map((r) => r.relatedId),
              ),
            ),
          );
        for (const row of rows) posted.set(row.relatedId, row.postedTs);
        return posted;
      });
    },

    async markPosted(incidentId, relatedIds, ts) {
      if (relatedIds.length === 0) return;
      await db
        .update(incidentRelations)
        .set({ postedTs: ts })
        .where(
          and(
            eq(incidentRelations.incidentId, incidentId),
            inArray(incidentRelations.relatedId, [...relatedIds]),
            isNull(incidentRelations.postedTs),
          ),
        );
    },

    of(incidentId) {
      return db.transaction(async (tx) => {
        const relations = (
          await tx
            .select({ relation: incidentRelations, incident: incidents })
            .from(incidentRelations)
            .innerJoin(incidents, eq(incidents.id, incidentRelations.relatedId))
            .where(eq(incidentRelations.incidentId, incidentId))
            .orderBy(desc(incidentRelations.score), desc(incidents.declaredAt), desc(incidents.id))
        ).map(toRecordedRelation);
        const followUps = (
          await tx
            .select({ action: actions, incident: incidents })
            .from(preventionMatches)
            .innerJoin(actions, eq(actions.id, preventionMatches.actionId))
            .innerJoin(incidents, eq(incidents.id, actions.incidentId))
            .where(eq(preventionMatches.incidentId, incidentId))
            .orderBy(asc(actions.incidentId), asc(actions.id))
        ).map(toFollowUp);
        return { relations, followUps };
      }, READ_AT_ONCE);
    },
  };
}

async function candidatesIn(tx: PgExec, search: RelatedSearch): Promise<RelatedFindings> {
  const { incidentId } = search;
  const names = [...search.alertNames];
  const alertRows =
    names.length === 0
      ? []
      : await tx
          .select({ incidentId: alertChanges.incidentId, name: alertChanges.name })
          .from(alertChanges)
          .where(inArray(alertChanges.name, names))
          .union(
            tx
              .select({ incidentId: webhookAlerts.incidentId, name: webhookAlerts.name })
              .from(webhookAlerts)
              .where(inArray(webhookAlerts.name, names)),
          );
  const tagRows =
    search.tags.length === 0
      ? []
      : await tx
          .select({
            incidentId: incidentTags.incidentId,
            key: incidentTags.key,
            value: incidentTags.value,
          })
          .from(incidentTags)
          .where(
            and(
              ne(incidentTags.incidentId, incidentId),
              isNull(incidentTags.removedAt),
              or(
                ...search.tags.map((t) =>
                  and(eq(incidentTags.key, t.key), eq(incidentTags.value, t.value)),
                ),
              ),
            ),
          );
  const query = textQuery(search.terms, 'tsquery');
  const textIds = query === null ? [] : await textMatches(tx, search, query);
  const matches = { alertRows, tagRows, textIds };
  const wanted = incidentsToRead(search, matches);
  const rows =
    wanted.length === 0
      ? []
      : await tx.select().from(incidents).where(inArray(incidents.id, wanted));
  return findingsOf(search, matches, rows);
}

/**
 * Incidents whose title or sections match any of the words, best first. The expressions are
 * exactly the indexed ones; title matches weigh double, as in SQLite's bm25 weights.
 */
async function textMatches(tx: PgExec, search: RelatedSearch, query: string): Promise<number[]> {
  const result = await tx.execute<{ id: number }>(sql`
    with q as (select to_tsquery('english', ${query}) as q),
    matched as (
      select i.id, i.declared_at,
             2 * ts_rank(to_tsvector('english', i.title), q.q) as title_rank
        from incidents i, q
       where to_tsvector('english', i.title) @@ q.q
         and i.id <> ${search.incidentId} and i.declared_at <= ${search.before}
      union
      select i.id, i.declared_at, 0 as title_rank
        from sections s join incidents i on i.id = s.incident_id, q
       where to_tsvector('english', s.text) @@ q.q
         and i.id <> ${search.incidentId} and i.declared_at <= ${search.before}
    ),
    ranked as (
      select m.id,
             max(m.title_rank) + coalesce((
               select max(ts_rank(to_tsvector('english', s.text), q.q))
                 from sections s, q
                where s.incident_id = m.id and to_tsvector('english', s.text) @@ q.q
             ), 0) as rank
        from matched m group by m.id
    )
    select id from ranked order by rank desc, id desc limit ${search.textLimit}`);
  return result.rows.map((r) => Number(r.id));
}
