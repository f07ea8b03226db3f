import type { StatsIncident } from '../domain/stats/model.ts';
import type { DetectionSource, Incident } from '../domain/types.ts';
import { statsIncidentOf } from './incident-stats.ts';
import type { ActionWithIncident, IncidentQuery } from './library-port.ts';
import type { StatsRecord } from './stats-port.ts';
import type { Store } from './store-port.ts';

// The incident library's list and follow-ups, for the team site and its API (docs/site.md).

export interface LibraryRow {
  incident: Incident;
  /** Its numbers as `scribe stats` counts them: TTD and TTM are the post-mortem's. */
  stats: StatsIncident;
  /** The lead's name from the people directory; null without a lead or a known name. */
  leadName: string | null;
}

export interface LibraryPage {
  rows: LibraryRow[];
  /** Incidents matching, on every page. */
  total: number;
  /** 1-based. */
  page: number;
  /** At least 1, so "page 1 of 1" reads right when nothing matches. */
  pages: number;
  perPage: number;
}

/** Records are read this many incidents at a time when every match must be looked at. */
const RECORDS_PER_READ = 200;

/**
 * One page of the incidents matching, newest declared first. The store filters in SQL and answers
 * ids; records are read for the page only, unless `detectedBy` filters too: how an incident was
 * detected is computed from its timeline, so then every match's record is read, in chunks.
 */
export async function listIncidents(
  deps: { store: Store },
  query: IncidentQuery,
  options: { detectedBy: DetectionSource | null; page: number; perPage: number },
): Promise<LibraryPage> {
  const { page, perPage, detectedBy } = options;
  if (!Number.isInteger(page) || page < 1) {
    throw new RangeError(`page must be a whole number from 1, not ${page}`);
  }
  if (!Number.isInteger(perPage) || perPage < 1) {
    throw new RangeError(`perPage must be a whole number from 1, not ${perPage}`);
  }
  const ids = await deps.store.library.matching(query);
  const start = (page - 1) * perPage;
  let total: number;
  let shown: StatsIncident[];
  let records: Map<number, StatsRecord>;
  if (detectedBy === null) {
    total = ids.length;
    const read = await deps.store.library.records(ids.slice(start, start + perPage));
    records = new Map(read.map((r) => [r.incident.id, r]));
    shown = read.map(statsIncidentOf);
  } else {
    const kept: StatsIncident[] = [];
    records = new Map();
    for (let i = 0; i < ids.length; i += RECORDS_PER_READ) {
      for (const record of await deps.store.library.records(ids.slice(i, i + RECORDS_PER_READ))) {
        const stats = statsIncidentOf(record);
        if (stats.detectedBy !== detectedBy) continue;
        const at = kept.push(stats) - 1;
        if (at >= start && at < start + perPage) records.set(record.incident.id, record);
      }
    }
    total = kept.length;
    shown = kept.slice(start, start + perPage);
  }
  const people = shown.some((s) => records.get(s.id)?.incident.leadId)
    ? await deps.store.people.directory()
    : new Map<string, string>();
  const rows = shown.flatMap((stats) => {
    const incident = records.get(stats.id)?.incident;
    if (incident === undefined) return [];
    const leadName = incident.leadId === null ? null : (people.get(incident.leadId) ?? null);
    return [{ incident, stats, leadName }];
  });
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / perPage)), perPage };
}

/** Every follow-up and task the viewer may see: a private channel's only to its members. */
export async function libraryActions(
  deps: { store: Store },
  viewer: { privateChannels: ReadonlySet<string> },
): Promise<ActionWithIncident[]> {
  const all = await deps.store.library.actions();
  return all.filter(
    ({ incident }) => incident.isPrivate !== true || viewer.privateChannels.has(incident.channelId),
  );
}
