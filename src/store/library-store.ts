import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { LibraryStore } from '../usecases/library-port.ts';
import type { Db } from './db.ts';
import {
  chunks,
  facetSql,
  facetsFrom,
  inOrderOf,
  matchingSql,
  publishedFacetSql,
  publishedFacetsFrom,
  publishedFrom,
  publishedSummariesSql,
  publishedWhere,
  purposeOf,
  type SummaryRow,
  summariesFrom,
  visibleTo,
} from './library-sql.ts';
import { toAction } from './rows-actions.ts';
import { toIncident } from './rows-incidents.ts';
import { actions, incidents, incidentTags } from './schema.ts';
import { statsRecordsOfIds } from './stats-store.ts';
import { readAtOnce } from './transact.ts';

/**
 * The incident library over SQLite (docs/site.md). The list is filtered in one statement, words
 * through the FTS5 tables `incident_search` (0011) and `message_search` (0012); only the ids come
 * back, and only the shown page's records are read.
 */
export function createLibraryStore(db: Db): LibraryStore {
  const all = <T>(query: SQL) => db.all<T>(query);
  return {
    async matching(query) {
      return all<{ id: number }>(matchingSql(query, 'fts5')).map((r) => r.id);
    },

    async records(ids) {
      if (ids.length === 0) return [];
      return readAtOnce(db, () =>
        inOrderOf(
          ids,
          chunks([...new Set(ids)]).flatMap((chunk) => statsRecordsOfIds(db, chunk)),
        ),
      );
    },

    async actions() {
      return db
        .select({ action: actions, incident: incidents })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .orderBy(asc(actions.createdAt), asc(actions.id))
        .all()
        .map((row) => ({
          action: toAction(row.action),
          incident: toIncident(row.incident),
          purpose: purposeOf(row.action.purpose),
        }));
    },

    async published(filter = {}) {
      return readAtOnce(db, () => {
        const query = db
          .select()
          .from(incidents)
          .where(publishedWhere(filter))
          .orderBy(desc(incidents.postmortemStateAt), desc(incidents.id));
        const rows =
          filter.limit === undefined
            ? query.all()
            : query
                .limit(filter.limit)
                .offset(filter.offset ?? 0)
                .all();
        const tags = [];
        for (const chunk of chunks(rows.map((r) => r.id))) {
          tags.push(
            ...db
              .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
              .from(incidentTags)
              .where(
                and(
                  inArray(incidentTags.incidentId, chunk),
                  eq(incidentTags.key, 'service'),
                  isNull(incidentTags.removedAt),
                ),
              )
              .orderBy(asc(incidentTags.id))
              .all(),
          );
        }
        return publishedFrom(rows, tags);
      });
    },

    async publishedFacets() {
      return readAtOnce(db, () =>
        publishedFacetsFrom(
          all(publishedFacetSql.categories),
          all<{ value: string }>(publishedFacetSql.services),
        ),
      );
    },

    async publishedSummaries(ids) {
      if (ids.length === 0) return new Map();
      return summariesFrom(
        chunks([...new Set(ids)]).flatMap((chunk) => all<SummaryRow>(publishedSummariesSql(chunk))),
      );
    },

    async facets(privateChannels = []) {
      const visible = visibleTo(privateChannels);
      return readAtOnce(db, () =>
        facetsFrom({
          services: all(facetSql.services(visible)),
          categories: all(facetSql.categories(visible)),
          leads: all(facetSql.leads(visible)),
          tags: all(facetSql.tags(visible)),
        }),
      );
    },
  };
}
