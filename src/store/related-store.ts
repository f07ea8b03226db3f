import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { RelatedFindings, RelatedSearch } from '../usecases/related-records.ts';
import type { RelatedStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import {
  distinctNames,
  findingsOf,
  incidentsToRead,
  textQuery,
  toFollowUp,
  toRecordedRelation,
} from './related-rows.ts';
import { type RelatedStatements, relatedStatements } from './related-sql.ts';
import { toIncident } from './rows-incidents.ts';
import { actions, incidentRelations, incidents, preventionMatches } from './schema.ts';
import { immediate, readAtOnce } from './transact.ts';

/**
 * Related incidents over SQLite. Words are found through `incident_search` (FTS5, migration
 * 0011), which triggers on `incidents` and `sections` keep in step with every write, whoever
 * writes (the bot, an import, `scribe copy`): nothing here has to remember to index.
 */
export function createRelatedStore(db: Db): RelatedStore {
  const q = relatedStatements(db);
  return {
    async profile(incidentId) {
      return readAtOnce(db, () => {
        const row = q.incident().get(incidentId);
        if (!row) return null;
        return {
          incident: toIncident(row),
          alertNames: distinctNames(q.alertNames().all(incidentId, incidentId)),
          tags: q.tags().all(incidentId),
          texts: q.texts().all(incidentId),
        };
      });
    },

    async candidates(search) {
      return readAtOnce(db, () => candidatesIn(q, search));
    },

    async unfinishedActions(incidentIds) {
      if (incidentIds.length === 0) return [];
      const rows = db
        .select({ action: actions, incident: incidents })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .where(
          and(
            inArray(actions.incidentId, [...incidentIds]),
            inArray(actions.status, ['open', 'dropped']),
          ),
        )
        .orderBy(asc(actions.incidentId), asc(actions.id))
        .all();
      return rows.map(toFollowUp);
    },

    async record(incidentId, relations, actionIds, now) {
      return immediate(db, () => {
        for (const r of relations) {
          const reasons = JSON.stringify(r.reasons);
          db.insert(incidentRelations)
            .values({ incidentId, relatedId: r.relatedId, reasons, score: r.score, foundAt: now })
            .onConflictDoUpdate({
              target: [incidentRelations.incidentId, incidentRelations.relatedId],
              set: { reasons, score: r.score },
            })
            .run();
        }
        for (const actionId of actionIds) {
          db.insert(preventionMatches)
            .values({ incidentId, actionId, foundAt: now })
            .onConflictDoNothing()
            .run();
        }
        const posted = new Map<number, string | null>();
        if (relations.length === 0) return posted;
        const rows = db
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
          )
          .all();
        for (const row of rows) posted.set(row.relatedId, row.postedTs);
        return posted;
      });
    },

    async markPosted(incidentId, relatedIds, ts) {
      if (relatedIds.length === 0) return;
      db.update(incidentRelations)
        .set({ postedTs: ts })
        .where(
          and(
            eq(incidentRelations.incidentId, incidentId),
            inArray(incidentRelations.relatedId, [...relatedIds]),
            isNull(incidentRelations.postedTs),
          ),
        )
        .run();
    },

    async of(incidentId) {
      return readAtOnce(db, () => {
        const relations = db
          .select({ relation: incidentRelations, incident: incidents })
          .from(incidentRelations)
          .innerJoin(incidents, eq(incidents.id, incidentRelations.relatedId))
          .where(eq(incidentRelations.incidentId, incidentId))
          .orderBy(desc(incidentRelations.score), desc(incidents.declaredAt), desc(incidents.id))
          .all()
          .map(toRecordedRelation);
        const followUps = db
          .select({ action: actions, incident: incidents })
          .from(preventionMatches)
          .innerJoin(actions, eq(actions.id, preventionMatches.actionId))
          .innerJoin(incidents, eq(incidents.id, actions.incidentId))
          .where(eq(preventionMatches.incidentId, incidentId))
          .orderBy(asc(actions.incidentId), asc(actions.id))
          .all()
          .map(toFollowUp);
        return { relations, followUps };
      });
    },
  };
}

function candidatesIn(q: RelatedStatements, search: RelatedSearch): RelatedFindings {
  const { incidentId } = search;
  const alertRows =
    search.alertNames.length === 0 ? [] : q.alertRows().all(JSON.stringify(search.alertNames));
  const tagRows =
    search.tags.length === 0
      ? []
      : q.tagRows().all(JSON.stringify(search.tags.map((t) => [t.key, t.value])), incidentId);
  const query = textQuery(search.terms, 'fts5');
  const textIds =
    query === null ? [] : q.textIds().all(query, incidentId, search.before, search.textLimit);
  const matches = { alertRows, tagRows, textIds };
  const wanted = incidentsToRead(search, matches);
  const rows = wanted.length === 0 ? [] : q.incidents().all(JSON.stringify(wanted));
  return findingsOf(search, matches, rows);
}
