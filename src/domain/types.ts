// Shared vocabulary of the pure domain. Every timestamp is UTC epoch milliseconds.

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type IncidentStatus = 'declared' | 'mitigated' | 'resolved';

export interface Incident {
  id: number;
  channelId: string;
  /** The channel's name when declared, or null when unknown. */
  channelName: string | null;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  reporterId: string;
  leadId: string | null;
  declaredAt: number;
  mitigatedAt: number | null;
  resolvedAt: number | null;
  /**
   * Declared in a private channel, DM or MPIM, or one whose privacy Slack would not tell: its
   * content is never posted outside the channel and its members' DMs. The store always sets it;
   * absent (incidents built in memory, imports) means a public channel, as for rows from before
   * the column existed.
   */
  isPrivate?: boolean;
}

/** Things the bot itself knows happened (commands), as opposed to recorded channel messages. */
export type IncidentEventKind =
  | 'declared'
  | 'lead_changed'
  | 'status_update'
  | 'mitigated'
  | 'resolved'
  | 'action_added'
  | 'note'
  | 'severity_changed'
  | 'reopened'
  | 'impact_start_set'
  | 'detected_set'
  // The post-mortem's life (postmortem-life.ts); a skip's reason is the text.
  | 'postmortem_in_review'
  | 'postmortem_published'
  | 'postmortem_skipped';

/** Who or what noticed the incident, as `/incident detected … by …` states it. */
export type DetectionSource = 'monitoring' | 'customer' | 'person';

export interface IncidentEvent {
  incidentId: number;
  kind: IncidentEventKind;
  at: number;
  actorId: string;
  /** Free text: title on declaration, the status text, a note, the action text. */
  text: string | null;
  /** The user the event is about: the new lead, an action's owner, who detected it. */
  subjectId: string | null;
  /**
   * The time an event claims, when it differs from when it was recorded: `/incident mitigated
   * 14:05` run at 14:20 has `at` 14:20 and `valueAt` 14:05. Null means "at `at`".
   */
  valueAt: number | null;
}

export const ALERT_SOURCES = [
  'alertmanager',
  'grafana',
  'pagerduty',
  'opsgenie',
  'datadog',
  'sentry',
  'betterstack',
  'cloudwatch',
  'generic',
] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export type AlertState = 'firing' | 'resolved' | 'acknowledged' | 'info';

export interface AlertSignal {
  state: AlertState;
  /** Short human title, e.g. "[FIRING:1] HighErrorRate api". */
  title: string;
  source: AlertSource;
  /** The alert's name (rule, monitor, check); with `source` it pairs firing with resolved. */
  name: string;
  /** As the tool states it (`critical`, `P1`, `sev2` …), or null. */
  severity: string | null;
  /** When the alert's condition began, if the message says so (epoch ms); else null. */
  firedAt: number | null;
}

/** One alert notification, wherever it came from: a channel message or a monitoring webhook. */
export interface AlertOccurrence {
  /** When it reached us: the message's time, or when the webhook arrived. */
  at: number;
  alert: AlertSignal;
  origin: 'message' | 'webhook';
  /** The channel message it came from, for message alerts. */
  messageTs: string | null;
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
  /** Marked as a key event (📌 reaction, pin, or the message shortcut). */
  key: boolean;
}

export type ActionStatus = 'open' | 'done' | 'dropped';
export type ActionKind = 'task' | 'follow_up';
export type ActionPriority = 'p1' | 'p2' | 'p3';

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
  kind: ActionKind;
  priority: ActionPriority | null;
  closedAt: number | null;
  closedBy: string | null;
  dropReason: string | null;
  sourceTs: string | null;
}

/** The actor of every state change `scribe import` makes: times read from an export, not typed. */
export const IMPORT_ACTOR_ID = 'scribe-import';

export interface Person {
  id: string;
  /** Best display name: profile display name, else real name, else handle. */
  name: string;
  tz: string | null;
}

/** Display names by Slack user id; unknown ids render as the raw id. */
export type PeopleDirectory = ReadonlyMap<string, string>;

/** How we found out: answers "did we find out ourselves, or did a customer tell us?". */
export interface Detection {
  source: DetectionSource;
  /** The monitoring tool, when monitoring found it. */
  tool: AlertSource | null;
  /** Who noticed or reported it, when a person did (display name). */
  by: string | null;
  /** One sentence for the draft. */
  summary: string;
}

/** Where a metric timestamp came from, so the draft can say why it shows what it shows. */
export type MetricSource = 'alert' | 'declaration' | 'command' | 'resolution' | 'override';

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
  /** declared − detected. */
  timeToDeclareMs: number;
  /** First human response (a person's message or the declaration) − detected; null if none. */
  ttaMs: number | null;
  /** First lead assignment − declared; null while there is no lead. */
  timeToLeadMs: number | null;
  /** First action item − declared; null while there is none. */
  timeToFirstActionMs: number | null;
  /** resolved − impact start; null while open. */
  ttrMs: number | null;
  detection: Detection;
  /** Ordering problems found (never silently fixed). */
  warnings: string[];
}

/** Parts of the post-mortem people write during or after the incident (`/incident summary` …). */
export type SectionKind = 'summary' | 'impact' | 'cause' | 'learning';

export interface FilledSection {
  kind: SectionKind;
  /** Slack-encoded, as typed. */
  text: string;
  authorId: string;
  at: number;
}
