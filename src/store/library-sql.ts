import { type SQL, sql } from 'drizzle-orm';
import { ACTION_PURPOSES, type ActionPurpose, formatTag } from '../domain/description/types.ts';
import type { FilledSection } from '../domain/types.ts';
import type {
  IncidentQuery,
  PublishedFacets,
  PublishedFilter,
  PublishedIncident,
} from '../usecases/library-port.ts';
import { type IncidentColumns, toIncident, toSection } from './rows-incidents.ts';
import { STOP_WORDS } from './search-stop-words.ts';
import { knownServicesFrom, servicesFrom } from './stats-rows.ts';

// What both engines' library stores share: the incident list's filter as one SQL statement (the
// columns are named alike on both engines), the words of a search, and the filter form's values.
// Only the full-text part differs per engine (docs/site.md, "How search works").

export type TextEngine = 'fts5' | 'tsquery';

/** More words than this narrow a search no further in practice, and each one is a subquery. */
export const SEARCH_WORDS_MAX = 12;

/**
 * The words of what someone typed in the search box: runs of letters and digits, lower case, once
 * each, stop words left out. Everything else (quotes, `-`, `*`, `:`, parentheses) only separates
 * words, so no typed text can reach the engines' query syntax; an empty list means no text filter.
 */
export function searchWords(text: string | null): string[] {
  if (text === null) return [];
  const runs = text.toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  const words = runs.filter((w) => /[\p{L}\p{N}]/u.test(w) && !STOP_WORDS.has(w));
  return [...new Set(words)].slice(0, SEARCH_WORDS_MAX);
}

function list(values: readonly unknown[]): SQL {
  return sql`(${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )})`;
}

/** Public incidents, and private ones from the channels given (their members may see them). */
export function visibleTo(privateChannels: readonly string[]): SQL {
  if (privateChannels.length === 0) return sql`not incidents.is_private`;
  return sql`(not incidents.is_private or incidents.channel_id in ${list(privateChannels)})`;
}

/**
 * One word found anywhere in an incident: its title, a written section, or a message that was
 * not deleted. FTS5: the word is quoted, so NEAR, AND or a `*` in it are plain text. PostgreSQL:
 * plainto_tsquery reads no syntax at all; a word it cannot index (over 2047 bytes) finds nothing,
 * as on SQLite, where no message holds it either.
 */
function wordFound(word: string, engine: TextEngine): SQL {
  if (engine === 'fts5') {
    const phrase = `"${word}"`;
    return sql`incidents.id in (
      select rowid from incident_search where incident_search match ${phrase}
      union
      select m.incident_id from message_search
        join messages m on m.id = message_search.rowid
       where message_search match ${phrase} and m.deleted_at is null)`;
  }
  const q = sql`plainto_tsquery('english', ${word}::text)`;
  return sql`incidents.id in (
      select i.id from incidents i where to_tsvector('english', i.title) @@ ${q}
      union
      select s.incident_id from sections s where to_tsvector('english', s.text) @@ ${q}
      union
      select m.incident_id from messages m
       where m.deleted_at is null and to_tsvector('english', m.text) @@ ${q})`;
}

function liveTag(key: string, value: string): SQL {
  return sql`exists (select 1 from incident_tags t
     where t.incident_id = incidents.id and t.key = ${key}
       and lower(t.value) = ${value.toLowerCase()} and t.removed_at is null)`;
}

/** The ids of the incidents matching, newest declared first, the higher id first on a tie. */
export function matchingSql(query: IncidentQuery, engine: TextEngine): SQL {
  const where: SQL[] = [visibleTo(query.privateChannels)];
  if (query.statuses.length > 0) where.push(sql`incidents.status in ${list(query.statuses)}`);
  if (query.severities.length > 0) {
    where.push(sql`incidents.severity in ${list(query.severities)}`);
  }
  if (query.service !== null) where.push(liveTag('service', query.service));
  if (query.tag !== null) where.push(liveTag(query.tag.key, query.tag.value));
  if (query.category !== null) where.push(sql`incidents.category = ${query.category}`);
  if (query.leadId !== null) where.push(sql`incidents.lead_id = ${query.leadId}`);
  if (query.since !== null) where.push(sql`incidents.declared_at >= ${query.since}`);
  if (query.until !== null) where.push(sql`incidents.declared_at < ${query.until}`);
  for (const word of searchWords(query.text)) where.push(wordFound(word, engine));
  return sql`select incidents.id as id from incidents where ${sql.join(where, sql` and `)}
    order by incidents.declared_at desc, incidents.id desc`;
}

/** The filter form's choices, each from incidents the viewer may see. */
export const facetSql = {
  services: (visible: SQL) => sql`select distinct t.value as value from incident_tags t
    join incidents on incidents.id = t.incident_id
    where t.key = 'service' and t.removed_at is null and ${visible}`,
  categories: (visible: SQL) =>
    sql`select distinct incidents.category as value from incidents
    where incidents.category is not null and ${visible}`,
  leads: (visible: SQL) =>
    sql`select distinct incidents.lead_id as value from incidents
    where incidents.lead_id is not null and ${visible}`,
  tags: (visible: SQL) => sql`select distinct t.key as key, t.value as value from incident_tags t
    join incidents on incidents.id = t.incident_id
    where t.removed_at is null and ${visible}`,
};

export interface FacetRows {
  services: ReadonlyArray<{ value: string }>;
  categories: ReadonlyArray<{ value: string }>;
  leads: ReadonlyArray<{ value: string }>;
  tags: ReadonlyArray<{ key: string; value: string }>;
}

/** Sorted here, not by the database: the engines' collations differ. */
export function facetsFrom(rows: FacetRows) {
  const sorted = (values: readonly string[]) => [...new Set(values)].sort();
  return {
    services: knownServicesFrom(rows.services.map((r) => r.value)),
    categories: sorted(rows.categories.map((r) => r.value)),
    leads: sorted(rows.leads.map((r) => r.value)),
    tags: sorted(rows.tags.map((r) => formatTag({ key: r.key, value: r.value.toLowerCase() }))),
  };
}

/** Records read in any order, put in the order of the ids asked for; unknown ids are skipped. */
export function inOrderOf<T extends { incident: { id: number } }>(
  ids: readonly number[],
  found: readonly T[],
): T[] {
  const byId = new Map(found.map((r) => [r.incident.id, r]));
  return ids.flatMap((id) => {
    const record = byId.get(id);
    return record === undefined ? [] : [record];
  });
}

/** Ids in chunks well below either engine's limit on parameters in one statement. */
export function chunks(ids: readonly number[], size = 500): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** The stored purpose of an action, when it is one the domain knows. */
export function purposeOf(value: string | null): ActionPurpose | null {
  return ACTION_PURPOSES.find((p) => p === value) ?? null;
}

/** Published incidents from their rows and their live service tags (in the order tagged). */
export function publishedFrom(
  rows: ReadonlyArray<
    IncidentColumns & { postmortemStateAt: number | null; category: string | null }
  >,
  serviceTags: ReadonlyArray<{ incidentId: number; value: string }>,
): PublishedIncident[] {
  const values = new Map<number, string[]>();
  for (const t of serviceTags)
    values.set(t.incidentId, [...(values.get(t.incidentId) ?? []), t.value]);
  return rows.map((row) => ({
    incident: toIncident(row),
    publishedAt: row.postmortemStateAt ?? row.declaredAt,
    category: row.category,
    services: servicesFrom(values.get(row.id) ?? []),
  }));
}

/** Published reports of public channels, narrowed by `filter` (its paging aside). */
export function publishedWhere(filter: PublishedFilter = {}): SQL {
  const where: SQL[] = [
    sql`incidents.postmortem_state = 'published'`,
    sql`not incidents.is_private`,
  ];
  if (filter.id !== undefined) where.push(sql`incidents.id = ${filter.id}`);
  if (filter.category !== undefined) where.push(sql`incidents.category = ${filter.category}`);
  if (filter.activeSince !== undefined) {
    where.push(
      sql`(incidents.resolved_at is null or incidents.resolved_at >= ${filter.activeSince})`,
    );
  }
  return sql.join(where, sql` and `);
}

/** The public list's counts and services, as rows both engines answer alike. */
export const publishedFacetSql = {
  categories: sql`select incidents.category as category, count(*) as reports from incidents
    where ${publishedWhere()} group by incidents.category`,
  services: sql`select distinct t.value as value from incident_tags t
    join incidents on incidents.id = t.incident_id
    where t.key = 'service' and t.removed_at is null and ${publishedWhere()}`,
};

/** The summary sections of these incidents that are still published, oldest first. */
export function publishedSummariesSql(ids: readonly number[]): SQL {
  return sql`select s.incident_id as "incidentId", s.kind as kind, s.text as text,
      s.author_id as "authorId", s.at as at
    from sections s join incidents on incidents.id = s.incident_id
    where s.kind = 'summary' and incidents.id in ${list(ids)} and ${publishedWhere()}
    order by s.at, s.id`;
}

export interface SummaryRow {
  incidentId: number | string;
  kind: string;
  text: string;
  authorId: string;
  at: number | string;
}

/** Each incident's summary sections, from either engine's rows (PostgreSQL's bigint as text). */
export function summariesFrom(rows: readonly SummaryRow[]): Map<number, FilledSection[]> {
  const out = new Map<number, FilledSection[]>();
  for (const row of rows) {
    const id = Number(row.incidentId);
    const section = toSection({ ...row, at: Number(row.at) });
    out.set(id, [...(out.get(id) ?? []), section]);
  }
  return out;
}

/** The public list's facets from either engine's rows (counts may come back as text). */
export function publishedFacetsFrom(
  categories: ReadonlyArray<{ category: string | null; reports: number | string }>,
  services: ReadonlyArray<{ value: string }>,
): PublishedFacets {
  const counted = categories.map((c) => ({ category: c.category, reports: Number(c.reports) }));
  return {
    total: counted.reduce((sum, c) => sum + c.reports, 0),
    categories: counted,
    services: knownServicesFrom(services.map((s) => s.value)),
  };
}
