import { and, asc, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { RelatedFindings, RelatedSearch } from '../usecases/related-records.ts';
import type { RelatedStore } from '../usecases/store-port.ts';
import type { Db } from './db.ts';
import {
  candidateIds,
  distinctNames,
  findingsFrom,
  foundBefore,
  textQuery,
  toFollowUp,
  toRecordedRelation,
} from './related-rows.ts';
import { toIncident } from './rows-incidents.ts';
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
import { immediate, readAtOnce } from './transact.ts';

/**
 * Related incidents over SQLite. Words are found through `incident_search` (FTS5, migration
 * 0011), which triggers on `incidents` and `sections` keep in step with every write, whoever
 * writes (the bot, an import, `scribe copy`): nothing here has to remember to index.
 */
export function createRelatedStore(db: Db): RelatedStore {
  const incidentById = (id: number) => {
    const row = db.select().from(incidents).where(eq(incidents.id, id)).get();
    return row ? toIncident(row) : null;
  };
  const alertsOf = (incidentId: number) =>
    distinctNames([
      ...db
        .selectDistinct({ name: alertChanges.name })
        .from(alertChanges)
        .where(eq(alertChanges.incidentId, incidentId))
        .all(),
      ...db
        .selectDistinct({ name: webhookAlerts.name })
        .from(webhookAlerts)
        .where(eq(webhookAlerts.incidentId, incidentId))
        .all(),
    ]);
  return {
    async profile(incidentId) {
      return readAtOnce(db, () => {
        const incident = incidentById(incidentId);
        if (!incident) return null;
        const tags = db
          .select({ key: incidentTags.key, value: incidentTags.value })
          .from(incidentTags)
          .where(and(eq(incidentTags.incidentId, incidentId), isNull(incidentTags.removedAt)))
          .orderBy(asc(incidentTags.id))
          .all();
        const texts = db
          .select({ text: sections.text })
          .from(sections)
          .where(eq(sections.incidentId, incidentId))
          .orderBy(asc(sections.at), asc(sections.id))
          .all()
          .map((r) => r.text);
        return { incident, alertNames: alertsOf(incidentId), tags, texts };
      });
    },

    async candidates(search) {
      return readAtOnce(db, () => candidatesIn(db, search));
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

function candidatesIn(db: Db, search: RelatedSearch): RelatedFindings {
  const { incidentId } = search;
  const names = [...search.alertNames];
  const alertRows =
    names.length === 0
      ? []
      : [
          ...db
            .selectDistinct({ incidentId: alertChanges.incidentId, name: alertChanges.name })
            .from(alertChanges)
            .where(inArray(alertChanges.name, names))
            .all(),
          ...db
            .selectDistinct({ incidentId: webhookAlerts.incidentId, name: webhookAlerts.name })
            .from(webhookAlerts)
            .where(inArray(webhookAlerts.name, names))
            .all(),
        ];
  const tagRows =
    search.tags.length === 0
      ? []
      : db
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
          )
          .all();
  const query = textQuery(search.terms, 'fts5');
  const textIds =
    query === null
      ? []
      : (db.$client
          .prepare(
            // Title words weigh double: a title says what broke, sections say much else.
            `select incidents.id from incident_search
               join incidents on incidents.id = incident_search.rowid
              where incident_search match ? and incidents.id <> ? and incidents.declared_at <= ?
              order by bm25(incident_search, 2.0, 1.0), incidents.id desc
              limit ?`,
          )
          .pluck()
          .all(query, incidentId, search.before, search.textLimit) as number[]);
  const ids = candidateIds(search, { alertRows, tagRows, textIds });
  const found = foundBefore(
    search,
    ids.length === 0 ? [] : db.select().from(incidents).where(inArray(incidents.id, ids)).all(),
  );
  const declared = new Map(
    alertRows.length === 0
      ? []
      : db
          .select({ id: incidents.id, declaredAt: incidents.declaredAt })
          .from(incidents)
          .where(
            inArray(
              incidents.id,
              alertRows.map((r) => r.incidentId),
            ),
          )
          .all()
          .map((r) => [r.id, r.declaredAt] as const),
  );
  return findingsFrom(search, { found, alertRows, tagRows, textIds, declared });
}
