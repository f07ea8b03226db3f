import { formatDuration } from './durations.ts';
import { condense, slackToPlain } from './slack-text.ts';
import { toolName } from './tool-names.ts';
import type {
  AlertOccurrence,
  Incident,
  IncidentEvent,
  PeopleDirectory,
  RecordedMessage,
} from './types.ts';

export type TimelineKind =
  | 'declared'
  | 'lead'
  | 'status'
  | 'mitigated'
  | 'resolved'
  | 'action'
  | 'note'
  | 'severity'
  | 'reopened'
  | 'override'
  | 'postmortem'
  | 'alert_firing'
  | 'alert_resolved'
  | 'alert_acknowledged'
  | 'alert_info'
  | 'bot'
  | 'message';

export interface TimelineEntry {
  at: number;
  /** Display name: person name, bot name, or 'someone'. */
  actor: string;
  kind: TimelineKind;
  /** Plain (decoded) text on one line. */
  text: string;
  edited: boolean;
  /** State changes, alerts, status updates, lead changes, actions, notes and 📌 messages. */
  key: boolean;
  /** Happened before anyone declared the incident (found by look-back or stated by a tool). */
  beforeDeclaration: boolean;
  /** Thread replies nested under their parent, in time order. */
  replies: TimelineEntry[];
}

export interface TimelineInput {
  incident: Incident;
  events: readonly IncidentEvent[];
  messages: readonly RecordedMessage[];
  /** Alert notifications (from messages, including in-place edits, and from webhooks). */
  alerts: readonly AlertOccurrence[];
  people: PeopleDirectory;
  maxTextLength?: number;
}

export const DEFAULT_MAX_TEXT = 300;
const MERGE_WINDOW_MS = 2 * 60 * 1000;
const UNKEYED: ReadonlySet<TimelineKind> = new Set(['bot', 'message']);

/** An entry plus what ordering, threading and merging need but readers do not. */
export interface Draft {
  entry: TimelineEntry;
  /** Events sort before messages recorded in the same millisecond: the command caused the stir. */
  group: 0 | 1;
  index: number;
  message: RecordedMessage | null;
  /** For alert entries from a channel message: that message's ts, so its thread can nest. */
  anchorTs: string | null;
}

export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const max = input.maxTextLength ?? DEFAULT_MAX_TEXT;
  // Alert messages are shown through their occurrences, which keep every state they went through.
  const visible = input.messages.filter((m) => !m.deleted && m.alert === null);
  const drafts = [
    ...input.events.map((e, index) => eventDraft(e, index, input, max)),
    ...alertDrafts(input.alerts, max),
    ...visible.map((m, index) => messageDraft(m, index, input.people, max)),
  ].sort(byPlace);
  for (const d of drafts) d.entry.beforeDeclaration = d.entry.at < input.incident.declaredAt;
  return mergeChatter(nestReplies(drafts), max).map((d) => d.entry);
}

/**
 * Time first; in the same millisecond, events before what they caused, then alerts before
 * messages (an alert and a message in the same millisecond: the alert is what people answer),
 * then each kind in its own order.
 */
export function byPlace(a: Draft, b: Draft): number {
  return (
    a.entry.at - b.entry.at ||
    a.group - b.group ||
    (a.message === null ? 0 : 1) - (b.message === null ? 0 : 1) ||
    a.index - b.index
  );
}

/** Each alert occurrence's entry, numbered in the order given. */
export function alertDrafts(all: readonly AlertOccurrence[], max: number): Draft[] {
  // Each resolution reads only its own alert's occurrences (3,000 alerts read every occurrence
  // for every resolution: 9 million comparisons).
  const byAlert = new Map<string, AlertOccurrence[]>();
  for (const o of all) {
    const same = byAlert.get(alertKey(o));
    if (same === undefined) byAlert.set(alertKey(o), [o]);
    else same.push(o);
  }
  return all.map((o, index) => alertDraft(o, index, byAlert.get(alertKey(o)) ?? [], max));
}

const alertKey = (o: AlertOccurrence) => `${o.alert.source}\u0000${o.alert.name}`;

function alertDraft(
  o: AlertOccurrence,
  index: number,
  sameAlert: readonly AlertOccurrence[],
  max: number,
): Draft {
  const { alert } = o;
  const severity = alert.severity ? ` · ${alert.severity}` : '';
  const via = o.origin === 'webhook' ? ' (webhook)' : '';
  const text = `${alert.title}${severity}${episodeNote(o, sameAlert)}${via}`;
  return {
    entry: entry(o.at, `alert_${alert.state}`, alertActor(o), condense(text, max), false),
    group: 1,
    index,
    message: null,
    anchorTs: o.messageTs,
  };
}

function alertActor(o: AlertOccurrence): string {
  return toolName(o.alert.source);
}

/**
 * A resolution says how long its alert was firing: the episode in one line. `sameAlert`: the
 * occurrences of its alert (source and name), in their order among all.
 */
function episodeNote(o: AlertOccurrence, sameAlert: readonly AlertOccurrence[]): string {
  if (o.alert.state !== 'resolved') return '';
  let opened: number | null = null;
  for (const other of sameAlert) {
    if (other.at > o.at) continue;
    if (other.alert.state === 'resolved' && other !== o) opened = null;
    if (other.alert.state === 'firing' && opened === null) opened = other.alert.firedAt ?? other.at;
  }
  return opened === null ? '' : ` (firing for ${formatDuration(o.at - opened)})`;
}

export function eventDraft(
  event: IncidentEvent,
  index: number,
  input: TimelineInput,
  max: number,
): Draft {
  const [kind, line] = describeEvent(event, input);
  return {
    entry: entry(
      event.valueAt ?? event.at,
      kind,
      nameOf(event.actorId, input.people),
      condense(line, max),
      false,
    ),
    group: 0,
    index,
    message: null,
    anchorTs: null,
  };
}

function describeEvent(event: IncidentEvent, input: TimelineInput): [TimelineKind, string] {
  // Command text arrives Slack-encoded just like messages do.
  const text = event.text === null ? '' : slackToPlain(event.text, input.people).trim();
  const withNote = (label: string) => (text === '' ? label : `${label}: ${text}`);
  switch (event.kind) {
    case 'declared':
      return [
        'declared',
        `Incident declared: ${text || input.incident.title} (${input.incident.severity})`,
      ];
    case 'lead_changed':
      return ['lead', `${nameOf(event.subjectId ?? event.actorId, input.people)} is now the lead`];
    case 'status_update':
      return ['status', text];
    case 'mitigated':
      return ['mitigated', withNote('Mitigated')];
    case 'resolved':
      return ['resolved', withNote('Resolved')];
    case 'action_added': {
      const owner =
        event.subjectId === null ? '' : ` (owner ${nameOf(event.subjectId, input.people)})`;
      return ['action', `Action: ${text}${owner}`];
    }
    case 'note':
      return ['note', text];
    case 'severity_changed':
      return ['severity', `Severity changed to ${text}`];
    case 'reopened':
      return ['reopened', 'Incident reopened'];
    case 'impact_start_set':
      return ['override', 'Impact started (time set with /incident started)'];
    case 'detected_set': {
      const by =
        text === 'person'
          ? ` by ${nameOf(event.subjectId, input.people)}`
          : text
            ? ` by ${text}`
            : '';
      return ['override', `Detected${by} (time set with /incident detected)`];
    }
    case 'postmortem_in_review':
      return ['postmortem', 'Post-mortem put in review'];
    case 'postmortem_published':
      return ['postmortem', 'Post-mortem published'];
    case 'postmortem_skipped':
      return ['postmortem', withNote('Post-mortem skipped')];
  }
}

function nameOf(id: string | null, people: PeopleDirectory): string {
  return id === null ? 'someone' : (people.get(id) ?? id);
}

export function messageDraft(
  m: RecordedMessage,
  index: number,
  people: PeopleDirectory,
  max: number,
): Draft {
  const kind: TimelineKind = m.isBot ? 'bot' : 'message';
  const actor = m.isBot ? (m.botName ?? 'bot') : nameOf(m.userId, people);
  const e = entry(
    m.postedAt,
    kind,
    actor,
    condense(slackToPlain(m.text, people), max),
    m.editedAt !== null,
  );
  e.key ||= m.key;
  return { entry: e, group: 1, index, message: m, anchorTs: m.ts };
}

function entry(
  at: number,
  kind: TimelineKind,
  actor: string,
  text: string,
  edited: boolean,
): TimelineEntry {
  return {
    at,
    kind,
    actor,
    text,
    edited,
    key: !UNKEYED.has(kind),
    beforeDeclaration: false,
    replies: [],
  };
}

/** Replies whose parent was not recorded (or was deleted) stay visible at top level. */
function nestReplies(sorted: Draft[]): Draft[] {
  const parents = new Map<string, Draft>();
  for (const d of sorted) {
    const anchor = d.message === null || !isReply(d.message) ? d.anchorTs : null;
    // The first entry of a message (an alert's first state) anchors its thread.
    if (anchor !== null && !parents.has(anchor)) parents.set(anchor, d);
  }
  const top: Draft[] = [];
  for (const d of sorted) {
    const parent = d.message?.threadTs ? parents.get(d.message.threadTs) : undefined;
    if (d.message !== null && isReply(d.message) && parent !== undefined) {
      parent.entry.replies.push(d.entry);
    } else {
      top.push(d);
    }
  }
  return top;
}

export function isReply(m: RecordedMessage): boolean {
  return m.threadTs !== null && m.threadTs !== m.ts;
}

/**
 * People often type one thought as several quick messages; merging a burst by one person keeps
 * the timeline readable. Thread parents stay separate so their replies keep a clear anchor, and
 * the window counts from the burst's first message so its time stays honest.
 */
function mergeChatter(top: Draft[], max: number): Draft[] {
  const out: Draft[] = [];
  for (const d of top) {
    const previous = out.at(-1);
    if (previous !== undefined && canMerge(previous, d)) {
      mergeInto(previous.entry, d.entry, max);
    } else {
      out.push(d);
    }
  }
  return out;
}

export function mergeInto(into: TimelineEntry, next: TimelineEntry, max: number): void {
  into.text = condense(`${into.text} / ${next.text}`, max);
  into.edited ||= next.edited;
}

export function canMerge(a: Draft, b: Draft): boolean {
  return (
    a.entry.kind === 'message' &&
    b.entry.kind === 'message' &&
    !a.entry.key &&
    !b.entry.key &&
    a.message?.userId != null &&
    a.message.userId === b.message?.userId &&
    b.entry.at - a.entry.at <= MERGE_WINDOW_MS &&
    a.entry.replies.length === 0 &&
    b.entry.replies.length === 0
  );
}
