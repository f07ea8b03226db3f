import type { IncidentStats } from './model.ts';

/** docs/stats.md: fields are only ever added; a change in meaning would raise `version`. */
export function toStatsJson(stats: IncidentStats) {
  return {
    schema: 'incident-scribe.stats',
    version: 1,
    window: stats.window,
    since: stats.since === null ? null : new Date(stats.since).toISOString(),
    until: new Date(stats.until).toISOString(),
    service: stats.service,
    incidents: stats.incidents,
    privateIncidents: stats.privateIncidents,
    bySeverity: stats.bySeverity,
    byCategory: stats.byCategory,
    byService: stats.byService,
    ttdMs: stats.ttdMs,
    ttmMs: stats.ttmMs,
    ttrMs: stats.ttrMs,
    detectedBy: stats.detectedBy,
    followUps: stats.followUps,
    recurringAlerts: stats.recurringAlerts,
  };
}

// RFC 4180: every field quoted when it holds a comma, a quote or a line break; CRLF between rows.
// A field that a spreadsheet would run as a formula gets a leading `'`.
const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per number: `section,key,value` (docs/stats.md lists the sections). */
export function toStatsCsv(stats: IncidentStats): string {
  const json = toStatsJson(stats);
  const rows: Array<[string, string, string | number | null]> = [
    ['window', 'label', json.window],
    ['window', 'since', json.since],
    ['window', 'until', json.until],
    ['window', 'service', json.service],
    ['incidents', 'total', json.incidents],
    ['incidents', 'private', json.privateIncidents],
  ];
  const add = (section: string, record: Record<string, number | null>) => {
    for (const [key, value] of Object.entries(record)) rows.push([section, key, value]);
  };
  add('severity', json.bySeverity);
  add('category', json.byCategory);
  add('service', json.byService);
  add('ttd_ms', { ...json.ttdMs });
  add('ttm_ms', { ...json.ttmMs });
  add('ttr_ms', { ...json.ttrMs });
  add('detected_by', json.detectedBy);
  add('follow_ups', { ...json.followUps });
  for (const a of json.recurringAlerts) rows.push(['recurring_alert', a.name, a.incidents]);
  return (
    [['section', 'key', 'value'], ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') +
    '\r\n'
  );
}
