import type { TagRef } from '../domain/related/types.ts';
import type { Incident } from '../domain/types.ts';
import type { RelatedFindings, RelatedSearch } from '../usecases/related-records.ts';

// What both engines' related-incident searches share: the text query, and turning the rows
// each engine read into findings, so the engines can only differ in how they rank words.

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

export interface FoundRows {
  /** Candidate incidents declared at or before the search's instant, by id. */
  found: ReadonlyMap<number, Incident>;
  alertRows: ReadonlyArray<{ incidentId: number; name: string }>;
  tagRows: ReadonlyArray<{ incidentId: number; key: string; value: string }>;
  /** Text matches, best first. */
  textIds: readonly number[];
  /** When each incident with one of the alerts was declared (for the counts). */
  declared: ReadonlyMap<number, number>;
}

export function findingsFrom(search: RelatedSearch, rows: FoundRows): RelatedFindings {
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
