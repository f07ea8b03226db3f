import { condense, slackToPlain } from './slack-text.ts';
import type { Incident, IncidentEvent, PeopleDirectory, RecordedMessage } from './types.ts';

export type TimelineKind =
  | 'declared'
  | 'lead'
  | 'status'
  | 'mitigated'
  | 'resolved'
  | 'action'
  | 'alert_firing'
  | 'alert_resolved'
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
  /** State changes, alerts, status updates, lead changes and actions. */
  key: boolean;
  /** Thread replies nested under their parent, in time order. */
  replies: TimelineEntry[];
}

export interface TimelineInput {
  incident: Incident;
  events: readonly IncidentEvent[];
  messages: readonly RecordedMessage[];
  people: PeopleDirectory;
  maxTextLength?: number;
}

const DEFAULT_MAX_TEXT = 300;
const MERGE_WINDOW_MS = 2 * 60 * 1000;
const UNKEYED: ReadonlySet<TimelineKind> = new Set(['bot', 'message']);

/** An entry plus what ordering, threading and merging need but readers do not. */
interface Draft {
  entry: TimelineEntry;
  /** Events sort before messages recorded in the same millisecond: the command caused the stir. */
  group: 0 | 1;
  index: number;
  message: RecordedMessage | null;
}

export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const max = input.maxTextLength ?? DEFAULT_MAX_TEXT;
  const visible = input.messages.filter((m) => !m.deleted);
  const drafts = [
    ...input.events.map((e, index) => eventDraft(e, index, input, max)),
    ...visible.map((m, index) => messageDraft(m, index, input.people, max)),
  ].sort((a, b) => a.entry.at - b.entry.at || a.group - b.group || a.index - b.index);
  return mergeChatter(nestReplies(drafts), max).map((d) => d.entry);
}

function eventDraft(event: IncidentEvent, index: number, input: TimelineInput, max: number): Draft {
  const [kind, line] = describeEvent(event, input);
  return {
    entry: entry(event.at, kind, nameOf(event.actorId, input.people), condense(line, max), false),
    group: 0,
    index,
    message: null,
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
  }
}

function nameOf(id: string | null, people: PeopleDirectory): string {
  return id === null ? 'someone' : (people.get(id) ?? id);
}

function messageDraft(
  m: RecordedMessage,
  index: number,
  people: PeopleDirectory,
  max: number,
): Draft {
  const kind: TimelineKind =
    m.alert !== null ? `alert_${m.alert.state}` : m.isBot ? 'bot' : 'message';
  const text = m.alert !== null ? m.alert.title : slackToPlain(m.text, people);
  const actor = m.isBot ? (m.botName ?? 'bot') : nameOf(m.userId, people);
  return {
    entry: entry(m.postedAt, kind, actor, condense(text, max), m.editedAt !== null),
    group: 1,
    index,
    message: m,
  };
}

function entry(
  at: number,
  kind: TimelineKind,
  actor: string,
  text: string,
  edited: boolean,
): TimelineEntry {
  return { at, kind, actor, text, edited, key: !UNKEYED.has(kind), replies: [] };
}

/** Replies whose parent was not recorded (or was deleted) stay visible at top level. */
function nestReplies(sorted: Draft[]): Draft[] {
  const parents = new Map<string, Draft>();
  for (const d of sorted) {
    if (d.message !== null && !isReply(d.message)) parents.set(d.message.ts, d);
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

function isReply(m: RecordedMessage): boolean {
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
      previous.entry.text = condense(`${previous.entry.text} / ${d.entry.text}`, max);
      previous.entry.edited ||= d.entry.edited;
    } else {
      out.push(d);
    }
  }
  return out;
}

function canMerge(a: Draft, b: Draft): boolean {
  return (
    a.entry.kind === 'message' &&
    b.entry.kind === 'message' &&
    a.message?.userId != null &&
    a.message.userId === b.message?.userId &&
    b.entry.at - a.entry.at <= MERGE_WINDOW_MS &&
    a.entry.replies.length === 0 &&
    b.entry.replies.length === 0
  );
}
