// Shared vocabulary of the pure domain. Every timestamp is UTC epoch milliseconds.

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type IncidentStatus = 'declared' | 'mitigated' | 'resolved';

export interface Incident {
  id: number;
  channelId: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  reporterId: string;
  leadId: string | null;
  declaredAt: number;
  mitigatedAt: number | null;
  resolvedAt: number | null;
}

/** Things the bot itself knows happened (commands), as opposed to recorded channel messages. */
export type IncidentEventKind =
  | 'declared'
  | 'lead_changed'
  | 'status_update'
  | 'mitigated'
  | 'resolved'
  | 'action_added';

export interface IncidentEvent {
  incidentId: number;
  kind: IncidentEventKind;
  at: number;
  actorId: string;
  /** Free text: title on declaration, the status text, a note, the action text. */
  text: string | null;
  /** The user the event is about: the new lead, an action's owner. */
  subjectId: string | null;
}

export type AlertState = 'firing' | 'resolved';

export interface AlertSignal {
  state: AlertState;
  /** Short human title, e.g. "[FIRING:1] HighErrorRate api". */
  title: string;
}

/** A channel message as recorded (after edits and deletes were applied). */
export interface RecordedMessage {
  channelId: string;
  ts: string;
  /** Parent ts when this is a thread reply; null for top-level messages and thread parents. */
  threadTs: string | null;
  postedAt: number;
  userId: string | null;
  botId: string | null;
  /** Display name a bot or integration posted under (bot_profile.name or username). */
  botName: string | null;
  isBot: boolean;
  subtype: string | null;
  /** Slack-encoded text (`&lt;`, `<@U1>`, `<!channel>` …), exactly as Slack sent it. */
  text: string;
  editedAt: number | null;
  deleted: boolean;
  alert: AlertSignal | null;
}

export type ActionStatus = 'open' | 'done';

export interface ActionItem {
  id: number;
  incidentId: number;
  text: string;
  ownerId: string | null;
  /** Calendar date `YYYY-MM-DD` in the zone it was given in, or null. */
  dueDate: string | null;
  createdBy: string;
  createdAt: number;
  status: ActionStatus;
}

export interface Person {
  id: string;
  /** Best display name: profile display name, else real name, else handle. */
  name: string;
  tz: string | null;
}

/** Display names by Slack user id; unknown ids render as the raw id. */
export type PeopleDirectory = ReadonlyMap<string, string>;

/** Where a metric timestamp came from, so the draft can say why it shows what it shows. */
export type MetricSource = 'alert' | 'declaration' | 'command' | 'resolution';

export interface MetricPoint {
  at: number;
  source: MetricSource;
  /** Human provenance, e.g. `first firing alert "[FIRING:1] HighErrorRate"`, `/incident mitigated`. */
  detail: string;
}

export interface IncidentMetrics {
  impactStart: MetricPoint;
  detected: MetricPoint;
  /** Null while the incident is neither mitigated nor resolved. */
  mitigated: MetricPoint | null;
  resolved: MetricPoint | null;
  /** detected − impact start. */
  ttdMs: number;
  /** mitigated − detected; null while not mitigated. */
  ttmMs: number | null;
  /** mitigated − impact start (= TTD + TTM); null while not mitigated. */
  totalMs: number | null;
  /** Ordering problems found (never silently fixed). */
  warnings: string[];
}
