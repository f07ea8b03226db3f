import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { LibraryStore } from '../../usecases/library-port.ts';
import type { StatsRecord } from '../../usecases/stats-port.ts';
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
} from '../library-sql.ts';
import { toAction } from '../rows-actions.ts';
import { toIncident } from '../rows-incidents.ts';
import type { PgDb } from './db.ts';
import type { PgExec } from './incident-tx.ts';
import { actions, incidents, incidentTags } from './schema.ts';
import { readRecords } from './stats-store.ts';

/** One snapshot for a multi-statement read (see incident-snapshot.ts). */
const READ_AT_ONCE = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * The incident library over PostgreSQL (docs/site.md). The list is filtered in one statement,
 * words through the GIN expression indexes of 0003 (titles, sections) and 0004 (messages).
 */
export function createPgLibraryStore(db: PgDb): LibraryStore {
  const rows = async <T extends Record<string, unknown>>(tx: PgExec, query: SQL) =>
    (await tx.execute<T>(query)).rows;
  return {
    async matching(query) {
      const found = await rows<{ id: number | string }>(db, matchingSql(query, 'tsquery'));
      return found.map((r) => Number(r.id));
    },

    async records(ids) {
      if (ids.length === 0) return [];
      const found = await db.transaction(async (tx) => {
        const read: StatsRecord[] = [];
        for (const chunk of chunks([...new Set(ids)])) {
          read.push(...(await readRecords(tx, inArray(incidents.id, chunk))));
        }
        return read;
      }, READ_AT_ONCE);
      return inOrderOf(ids, found);
    },

    async actions() {
      const found = await db
        .select({ action: actions, incident: incidents })
        .from(actions)
        .innerJoin(incidents, eq(incidents.id, actions.incidentId))
        .orderBy(asc(actions.createdAt), asc(actions.id));
      return found.map((row) => ({
        action: toAction(row.action),
        incident: toIncident(row.incident),
        purpose: purposeOf(row.action.purpose),
      }));
    },

    async published(filter = {}) {
      return db.transaction(async (tx) => {
        const query = tx
          .select()
          .from(incidents)
          .where(publishedWhere(filter))
          .orderBy(desc(incidents.postmortemStateAt), desc(incidents.id));
        const published =
          filter.limit === undefined
            ? await query
            : await query.limit(filter.limit).offset(filter.offset ?? 0);
        const tags = [];
        for (const chunk of chunks(published.map((r) => r.id))) {
          tags.push(
            ...(await tx
              .select({ incidentId: incidentTags.incidentId, value: incidentTags.value })
              .from(incidentTags)
              .where(
                and(
                  inArray(incidentTags.incidentId, chunk),
                  eq(incidentTags.key, 'service'),
                  isNull(incidentTags.removedAt),
                ),
              )
              .orderBy(asc(incidentTags.id))),
          );
        }
        return publishedFrom(published, tags);
      }, READ_AT_ONCE);
    },

    async publishedFacets() {
      return db.transaction(
        async (tx) =>
          publishedFacetsFrom(
            await rows<{ category: string | null; reports: number | string }>(
              tx,
              publishedFacetSql.categories,
            ),
            await rows<{ value: string }>(tx, publishedFacetSql.services),
          ),
        READ_AT_ONCE,
      );
    },

    async publishedSummaries(ids) {
      if (ids.length === 0) return new Map();
      const found: SummaryRow[] = [];
      for (const chunk of chunks([...new Set(ids)])) {
        found.push(
          ...(await rows<SummaryRow & Record<string, unknown>>(db, publishedSummariesSql(chunk))),
        );
      }
      return summariesFrom(found);
    },

    async facets(privateChannels = []) {
      const visible = visibleTo(privateChannels);
      return db.transaction(
        async (tx) =>
          facetsFrom({
            services: await rows<{ value: string }>(tx, facetSql.services(visible)),
            categories: await rows<{ value: string }>(tx, facetSql.categories(visible)),
            leads: await rows<{ value: string }>(tx, facetSql.leads(visible)),
            tags: await rows<{ key: string; value: string }>(tx, facetSql.tags(visible)),
          }),
        READ_AT_ONCE,
      );
    },
  };
}
