import { parseReasons } from '../domain/related/score.ts';
import type { TagRef } from '../domain/related/types.ts';
import type { Incident } from '../domain/types.ts';
import type {
  PreventionFollowUp,
  RecordedRelation,
  RelatedFindings,
  RelatedSearch,
} from '../usecases/related-records.ts';
import { type ActionRow, toAction } from './rows-actions.ts';
import { type IncidentColumns, toIncident } from './rows-incidents.ts';

// What both engines' related-incident stores share: the text query, which incidents are
// candidates, and turning the rows each engine read into findings and records, so the engines
// can only differ in how they query and rank words.

/** Alert names once each, in order. */
export function distinctNames(rows: ReadonlyArray<{ name: string }>): string[] {
  return [...new Set(rows.map((r) => r.name))].sort();
}

/** What an engine's alert, tag and word queries matched. */
export type Matches = Pick<FoundRows, 'alertRows' | 'tagRows' | 'textIds'>;

/** Every incident an alert, a tag or a word found, but the searching incident itself. */
function candidateIds(search: RelatedSearch, matches: Matches): number[] {
  const ids = new Set<number>([
    ...matches.alertRows.map((r) => r.incidentId),
    ...matches.tagRows.map((r) => r.incidentId),
    ...matches.textIds,
  ]);
  ids.delete(search.incidentId);
  return [...ids];
}

/**
 * The incidents an engine reads, in one read, for the findings: the candidates, and the
 * incidents with the alerts (the counts need when each was declared; the incident itself is
 * among them).
 */
export function incidentsToRead(search: RelatedSearch, matches: Matches): number[] {
  return [
    ...new Set([...candidateIds(search, matches), ...matches.alertRows.map((r) => r.incidentId)]),
  ];
}

/**
 * The findings from the matches and the incidents read for them (incidentsToRead): the
 * candidates declared by the search's instant, scored.
 */
export function findingsOf(
  search: RelatedSearch,
  matches: Matches,
  rows: readonly IncidentColumns[],
): RelatedFindings {
  const candidates = new Set(candidateIds(search, matches));
  const found = new Map<number, Incident>();
  for (const row of rows) {
    if (candidates.has(row.id) && row.declaredAt <= search.before)
      found.set(row.id, toIncident(row));
  }
  const declared = new Map(rows.map((r) => [r.id, r.declaredAt] as const));
  return findingsFrom(search, { ...matches, found, declared });
}

export function toFollowUp(row: {
  action: ActionRow;
  incident: IncidentColumns;
}): PreventionFollowUp {
  return { action: toAction(row.action), incident: toIncident(row.incident) };
}

export function toRecordedRelation(row: {
  relation: { reasons: string; score: number; foundAt: number; postedTs: string | null };
  incident: IncidentColumns;
}): RecordedRelation {
  const { relation } = row;
  return {
    related: toIncident(row.incident),
    reasons: parseReasons(relation.reasons),
    score: relation.score,
    foundAt: relation.foundAt,
    postedTs: relation.postedTs,
  };
}

/**
 * The search's words as one engine's full-text query: any of them (OR). Words are letters and
 * digits only (searchTerms), quoted for FTS5 all the same; null when there is nothing to look for.
 */
export function textQuery(terms: readonly string[], engine: 'fts5' | 'tsquery'): string | null {
  const words = terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
  if (words.length === 0) return null;
  return engine === 'fts5' ? words.map((w) => `"${w}"`).join(' OR ') : words.join(' | ');
}

export function tagKey(tag: TagRef): string {
  return `${tag.key}\u0000${tag.value}`;
}

interface FoundRows {
  /** Candidate incidents declared at or before the search's instant, by id. */
  found: ReadonlyMap<number, Incident>;
  alertRows: ReadonlyArray<{ incidentId: number; name: string }>;
  tagRows: ReadonlyArray<{ incidentId: number; key: string; value: string }>;
  /** Text matches, best first. */
  textIds: readonly number[];
  /** When each incident with one of the alerts was declared (for the counts). */
  declared: ReadonlyMap<number, number>;
}

function findingsFrom(search: RelatedSearch, rows: FoundRows): RelatedFindings {
  const wanted = new Map(search.tags.map((t) => [tagKey(t), t]));
  const candidates = [...rows.found.values()]
    .sort((a, b) => a.id - b.id)
    .map((incident) => {
      const textIndex = rows.textIds.indexOf(incident.id);
      return {
        incident,
        sharedAlerts: [
          ...new Set(rows.alertRows.filter((r) => r.incidentId === incident.id).map((r) => r.name)),
        ].sort(),
        sharedTags: rows.tagRows
          .filter((r) => r.incidentId === incident.id)
          .map((r) => wanted.get(tagKey(r)))
          .filter((t): t is TagRef => t !== undefined),
        textRank: textIndex < 0 ? null : textIndex + 1,
      };
    });
  const alertIncidents: Record<string, number> = {};
  for (const name of search.alertNames) {
    const ids = new Set(
      rows.alertRows
        .filter((r) => r.name === name)
        .map((r) => r.incidentId)
        .filter((id) => {
          const at = rows.declared.get(id);
          return at !== undefined && at >= search.countSince && at <= search.before;
        }),
    );
    alertIncidents[name] = ids.size;
  }
  return { candidates, alertIncidents };
}
