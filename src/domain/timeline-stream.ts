import type { VisibleRow } from './postmortem/message-rows.ts';
import {
  alertDrafts,
  byPlace,
  canMerge,
  DEFAULT_MAX_TEXT,
  type Draft,
  eventDraft,
  isReply,
  mergeInto,
  messageDraft,
  type TimelineEntry,
  type TimelineInput,
} from './timeline.ts';
import type { RecordedMessage } from './types.ts';

/**
 * buildTimeline for a long incident: the same entries, made from the messages as they are read.
 * Events and alert occurrences are few and held; messages come one thread at a time (a parent
 * with its replies, in the draft order), merged with the events by time, and a burst waits for
 * one entry of lookahead. The replies that nest under an alert's message are read first
 * (`anchor`): its entry is placed by the alert's time, not the message's.
 */
export class StreamedTimeline {
  readonly #max: number;
  readonly #declaredAt: number;
  readonly #people: TimelineInput['people'];
  readonly #events: Draft[];
  readonly #alerts: Draft[];
  /** The first alert entry for each message ts: the anchor of that message's thread. */
  readonly #anchors = new Map<string, Draft>();
  /** Anchors a visible message takes first (it sorts before the alert's entry). */
  readonly #taken = new Set<string>();
  readonly #alertReplies = new Map<string, Draft[]>();
  #made = 0;
  /** Where `begin` sends the entries. */
  #out: (entry: TimelineEntry) => void = () => {};
  /** The thread being read: a top-level message with the replies read so far. */
  #parent: Draft | null = null;
  /** The entry before the one being made, held while a burst may still merge into it. */
  #pending: Draft | null = null;
  /** How many events (#e) and alerts (#a) are out already. */
  #e = 0;
  #a = 0;
  /** The key entries, replies lifted out, as rendered (all the Slack summary shows). */
  readonly keys: TimelineEntry[] = [];

  constructor(input: Omit<TimelineInput, 'messages'>) {
    this.#max = input.maxTextLength ?? DEFAULT_MAX_TEXT;
    this.#declaredAt = input.incident.declaredAt;
    this.#people = input.people;
    const full = { ...input, messages: [] };
    this.#events = input.events.map((e, i) => eventDraft(e, i, full, this.#max)).sort(byPlace);
    this.#alerts = alertDrafts(input.alerts, this.#max).sort(byPlace);
    for (const d of [...this.#events, ...this.#alerts]) this.#mark(d.entry);
    for (const d of this.#alerts) {
      if (d.anchorTs !== null && !this.#anchors.has(d.anchorTs)) this.#anchors.set(d.anchorTs, d);
    }
  }

  /** The ts of every message an alert's entry anchors (the threads `anchor` reads). */
  get anchors(): ReadonlySet<string> {
    return new Set(this.#anchors.keys());
  }

  /**
   * Before `entries`: the visible messages the anchors name (MessageRows.anchoredBy), in time
   * order. A reply nests under its alert's entry, whose place is the alert's own time, not the
   * message's; a non-reply sorting before the alert's entry takes its thread instead.
   */
  anchor(rows: Iterable<VisibleRow>): void {
    for (const row of rows) {
      const m = row.message;
      if (!isReply(m)) {
        const alert = this.#anchors.get(m.ts);
        // Sorted as buildTimeline sorts: by time, an alert first on a tie.
        if (alert && m.postedAt < alert.entry.at) this.#taken.add(m.ts);
      } else if (m.threadTs !== null && this.#anchors.has(m.threadTs)) {
        const thread = this.#alertReplies.get(m.threadTs) ?? [];
        thread.push(this.#message(m));
        this.#alertReplies.set(m.threadTs, thread);
      }
    }
  }

  /**
   * Starts the entries: from here on, the visible messages in the draft order
   * (MessageRows.inDraftOrder) are `add`ed one at a time, and the timeline's top-level entries,
   * replies nested, go to `out` in order as soon as each is whole; `end` sends the rest. After
   * `anchor`. Pushed rather than pulled: a pipeline of generators made two objects per message
   * per stage for a long draft's collector.
   */
  begin(out: (entry: TimelineEntry) => void): void {
    for (const [ts, replies] of this.#alertReplies) {
      const anchor = this.#anchors.get(ts);
      if (anchor && !this.#taken.has(ts)) anchor.entry.replies.push(...replies.map((r) => r.entry));
    }
    this.#alertReplies.clear();
    this.keys.length = 0;
    this.#out = out;
    this.#parent = null;
    this.#pending = null;
    this.#e = 0;
    this.#a = 0;
  }

  /** The next visible message in the draft order; `depth` 1: a reply right after its parent. */
  add(message: RecordedMessage, depth: 0 | 1): void {
    const threadTs = message.threadTs;
    // Replies to an alert's message are under its entry already (anchor).
    if (
      isReply(message) &&
      threadTs !== null &&
      this.#anchors.has(threadTs) &&
      !this.#taken.has(threadTs)
    )
      return;
    const parent = this.#parent;
    if (depth === 1 && parent !== null) {
      parent.entry.replies.push(this.#message(message).entry);
      return;
    }
    if (parent !== null) this.#thread(parent);
    this.#parent = this.#message(message);
  }

  /** After the last message: the last thread, the events and alerts after it, the last entry. */
  end(): void {
    if (this.#parent !== null) this.#thread(this.#parent);
    this.#parent = null;
    const rest = [...this.#events.slice(this.#e), ...this.#alerts.slice(this.#a)].sort(byPlace);
    for (const d of rest) this.#draft(d);
    if (this.#pending !== null) this.#emit(this.#pending.entry);
    this.#pending = null;
  }

  /** A whole thread, after the events and alerts that come before it in buildTimeline's order. */
  #thread(thread: Draft): void {
    while (true) {
      const event = this.#events[this.#e];
      const alert = this.#alerts[this.#a];
      if (
        event !== undefined &&
        byPlace(event, thread) < 0 &&
        (alert === undefined || byPlace(event, alert) < 0)
      ) {
        this.#e++;
        this.#draft(event);
      } else if (alert !== undefined && byPlace(alert, thread) <= 0) {
        this.#a++;
        this.#draft(alert);
      } else break;
    }
    this.#draft(thread);
  }

  /** The next entry in order: merged into the one before when a burst, else that one is out. */
  #draft(d: Draft): void {
    const pending = this.#pending;
    if (pending !== null && canMerge(pending, d)) {
      mergeInto(pending.entry, d.entry, this.#max);
      return;
    }
    if (pending !== null) this.#emit(pending.entry);
    this.#pending = d;
  }

  #emit(entry: TimelineEntry): void {
    if (entry.key) this.keys.push({ ...entry, replies: [] });
    for (const reply of entry.replies) if (reply.key) this.keys.push({ ...reply, replies: [] });
    this.#out(entry);
  }

  #message(message: RecordedMessage): Draft {
    // Numbered as made: messages arrive in order, and ties with alerts are broken by kind.
    const d = messageDraft(message, this.#made++, this.#people, this.#max);
    this.#mark(d.entry);
    return d;
  }

  #mark(entry: TimelineEntry): void {
    entry.beforeDeclaration = entry.at < this.#declaredAt;
  }
}
