import type {
  AlertOccurrence,
  AlertSignal,
  AlertSource,
  AlertState,
  FilledSection,
  Incident,
  IncidentEvent,
  IncidentStatus,
  RecordedMessage,
  SectionKind,
  Severity,
} from '../domain/types.ts';
import type { WebhookAlert } from '../domain/webhooks/types.ts';
import type { StoredWebhookAlert } from '../usecases/store-records.ts';

// Rows ⇄ domain objects for incidents, messages, alerts and sections, shared by both engines
// (their schemas have the same columns): one mapping, so the engines cannot drift apart.

export interface IncidentColumns {
  id: number;
  channelId: string;
  channelName: string | null;
  title: string;
  severity: string;
  status: string;
  reporterId: string;
  leadId: string | null;
  declaredAt: number;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  /** SQLite's prepared statements read 0/1, drizzle and PostgreSQL a boolean. */
  isPrivate: boolean | number;
}

/** The domain's incident from a row: the columns it names, whatever else the row carries. */
export function toIncident(row: IncidentColumns): Incident {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channelName,
    title: row.title,
    severity: row.severity as Severity,
    status: row.status as IncidentStatus,
    reporterId: row.reporterId,
    leadId: row.leadId,
    declaredAt: row.declaredAt,
    mitigatedAt: row.mitigatedAt,
    resolvedAt: row.resolvedAt,
    isPrivate: Boolean(row.isPrivate),
  };
}

export function toEvent(
  row: Omit<IncidentEvent, 'kind'> & { id: number; kind: string },
): IncidentEvent {
  const { id: _id, ...event } = row;
  return { ...event, kind: event.kind as IncidentEvent['kind'] };
}

/** A message's column values (the raw Slack object as JSON text). */
export function messageValues(
  incidentId: number,
  m: RecordedMessage,
  raw: unknown,
  recordedAt: number,
) {
  return {
    incidentId,
    channelId: m.channelId,
    ts: m.ts,
    threadTs: m.threadTs,
    postedAt: m.postedAt,
    userId: m.userId,
    botId: m.botId,
    botName: m.botName,
    isBot: m.isBot,
    subtype: m.subtype,
    text: m.text,
    editedAt: m.editedAt,
    alertState: m.alert?.state ?? null,
    alertTitle: m.alert?.title ?? null,
    alertSource: m.alert?.source ?? null,
    alertName: m.alert?.name ?? null,
    alertSeverity: m.alert?.severity ?? null,
    alertFiredAt: m.alert?.firedAt ?? null,
    raw: JSON.stringify(raw),
    recordedAt,
  };
}

/** The columns a RecordedMessage is read from; `key` says whether any key mark exists. */
export interface RecordedColumns {
  channelId: string;
  ts: string;
  threadTs: string | null;
  postedAt: number;
  userId: string | null;
  botId: string | null;
  botName: string | null;
  isBot: boolean | number;
  subtype: string | null;
  text: string;
  editedAt: number | null;
  deletedAt: number | null;
  alertState: string | null;
  alertTitle: string | null;
  alertSource: string | null;
  alertName: string | null;
  alertSeverity: string | null;
  alertFiredAt: number | null;
  key: boolean | number;
}

export function toRecordedMessage(r: RecordedColumns): RecordedMessage {
  // Straight into the domain shape: tens of thousands of rows, no intermediate object each.
  return {
    channelId: r.channelId,
    ts: r.ts,
    threadTs: r.threadTs,
    postedAt: r.postedAt,
    userId: r.userId,
    botId: r.botId,
    botName: r.botName,
    isBot: Boolean(r.isBot),
    subtype: r.subtype,
    text: r.text,
    editedAt: r.editedAt,
    deleted: r.deletedAt !== null,
    alert: alertOf(
      r.alertState,
      r.alertTitle,
      r.alertSource,
      r.alertName,
      r.alertSeverity,
      r.alertFiredAt,
    ),
    key: Boolean(r.key),
  };
}

/** An alert message's signal from its columns; null when it is not (or no longer) an alert. */
export function alertOf(
  state: string | null,
  title: string | null,
  source: string | null,
  name: string | null,
  severity: string | null,
  firedAt: number | null,
): RecordedMessage['alert'] {
  if (!state || title === null) return null;
  return {
    state: state as AlertState,
    title,
    source: (source ?? 'generic') as AlertSource,
    name: name ?? title,
    severity,
    firedAt,
  };
}

/** One state an alert message showed, as an `alert_changes` row. */
export function alertChangeValues(
  incidentId: number,
  channelId: string,
  messageTs: string,
  at: number,
  alert: AlertSignal,
) {
  return {
    incidentId,
    channelId,
    messageTs,
    at,
    source: alert.source,
    name: alert.name,
    state: alert.state,
    title: alert.title,
    severity: alert.severity,
    firedAt: alert.firedAt,
  };
}

export interface AlertChangeColumns {
  messageTs: string;
  at: number;
  source: string;
  name: string;
  state: string;
  title: string;
  severity: string | null;
  firedAt: number | null;
}

export function toMessageAlert(c: AlertChangeColumns): AlertOccurrence {
  return {
    at: c.at,
    origin: 'message',
    messageTs: c.messageTs,
    alert: {
      state: c.state as AlertState,
      title: c.title,
      source: c.source as AlertSource,
      name: c.name,
      severity: c.severity,
      firedAt: c.firedAt,
    },
  };
}

/**
 * A webhook alert's row. NULLs are distinct in the unique key (in both engines), so a missing
 * start time is stored as the arrival time to keep the key complete.
 */
export function webhookAlertValues(
  incidentId: number,
  alert: WebhookAlert,
  raw: unknown,
  now: number,
) {
  return {
    incidentId,
    source: alert.source,
    fingerprint: alert.fingerprint,
    name: alert.name,
    state: alert.state,
    severity: alert.severity,
    startsAt: alert.startsAt ?? now,
    endsAt: alert.endsAt,
    summary: alert.summary,
    url: alert.url,
    receivedAt: now,
    raw: JSON.stringify(raw) ?? 'null',
  };
}

export interface WebhookAlertColumns {
  source: string;
  fingerprint: string;
  name: string;
  state: string;
  severity: string | null;
  startsAt: number | null;
  endsAt: number | null;
  summary: string;
  url: string | null;
  receivedAt: number;
}

export function toStoredWebhookAlert(row: WebhookAlertColumns): StoredWebhookAlert {
  return {
    source: row.source as AlertSource,
    fingerprint: row.fingerprint,
    name: row.name,
    state: row.state as AlertState,
    severity: row.severity,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    summary: row.summary,
    url: row.url,
    // Routing is decided before storing; the row belongs to its incident's channel.
    channelHint: null,
    receivedAt: row.receivedAt,
  };
}

export function toSection(r: {
  kind: string;
  text: string;
  authorId: string;
  at: number;
}): FilledSection {
  return { kind: r.kind as SectionKind, text: r.text, authorId: r.authorId, at: r.at };
}

/** An incident's columns as toIncident reads them, from the table `alias` names. */
export function incidentColumns(alias: string): string {
  const c = (column: string, as?: string) => `${alias}.${column}${as ? ` as ${as}` : ''}`;
  return [
    c('id'),
    c('channel_id', 'channelId'),
    c('channel_name', 'channelName'),
    c('title'),
    c('severity'),
    c('status'),
    c('reporter_id', 'reporterId'),
    c('lead_id', 'leadId'),
    c('declared_at', 'declaredAt'),
    c('mitigated_at', 'mitigatedAt'),
    c('resolved_at', 'resolvedAt'),
    c('is_private', 'isPrivate'),
  ].join(', ');
}
