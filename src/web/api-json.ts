import type { LibraryPage, LibraryRow } from '../usecases/library.ts';

// The JSON shapes of /api/v1 (docs/api.md): within v1 fields are only ever added.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** One incident of the list: what the list page shows, with ids and ISO times. */
export function incidentJson(row: LibraryRow) {
  const { incident, stats } = row;
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    channel: { id: incident.channelId, name: incident.channelName },
    private: incident.isPrivate === true,
    declaredAt: iso(incident.declaredAt),
    mitigatedAt: iso(incident.mitigatedAt),
    resolvedAt: iso(incident.resolvedAt),
    ttdMs: stats.ttdMs,
    ttmMs: stats.ttmMs,
    ttrMs: stats.ttrMs,
    detectedBy: stats.detectedBy,
    services: stats.services,
    category: stats.category,
    lead: incident.leadId === null ? null : { id: incident.leadId, name: row.leadName },
    postmortemState: stats.postmortemState,
    links: {
      self: `/api/v1/incidents/${incident.id}`,
      page: `/incidents/${incident.id}`,
    },
  };
}

/** A page of the list; `next` and `prev` keep the filters (null at either end). */
export function incidentListJson(
  list: LibraryPage,
  links: { next: string | null; prev: string | null },
) {
  return {
    schema: 'incident-scribe.incidents',
    version: 1,
    total: list.total,
    page: list.page,
    pages: list.pages,
    perPage: list.perPage,
    next: links.next,
    prev: links.prev,
    incidents: list.rows.map(incidentJson),
  };
}
