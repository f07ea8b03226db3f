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
        thread.push(this.#message({ ...row, depth: 1 }));
        this.#alertReplies.set(m.threadTs, thread);
      }
    }
  }

  /**
   * The timeline's top-level entries, replies nested, in order, from the visible messages in
   * the draft order (MessageRows.inDraftOrder); read once, after `anchor`.
   */
  *entries(rows: Iterable<VisibleRow>): Generator<TimelineEntry, void, undefined> {
    for (const [ts, replies] of this.#alertReplies) {
      const anchor = this.#anchors.get(ts);
      if (anchor && !this.#taken.has(ts)) anchor.entry.replies.push(...replies.map((r) => r.entry));
    }
    this.#alertReplies.clear();
    this.keys.length = 0;
    let pending: Draft | null = null;
    for (const d of this.#merged(this.#threads(rows))) {
      if (pending !== null && canMerge(pending, d)) {
        mergeInto(pending.entry, d.entry, this.#max);
        continue;
      }
      if (pending !== null) yield this.#emit(pending.entry);
      pending = d;
    }
    if (pending !== null) yield this.#emit(pending.entry);
  }

  #emit(entry: TimelineEntry): TimelineEntry {
    for (const e of [entry, ...entry.replies]) if (e.key) this.keys.push({ ...e, replies: [] });
    return entry;
  }

  /** Events, alerts and message threads by buildTimeline's order. */
  *#merged(threads: Iterable<Draft>): Generator<Draft, void, undefined> {
    let e = 0;
    let a = 0;
    for (const thread of threads) {
      while (true) {
        const event = this.#events[e];
        const alert = this.#alerts[a];
        if (
          event !== undefined &&
          byPlace(event, thread) < 0 &&
          (alert === undefined || byPlace(event, alert) < 0)
        ) {
          e++;
          yield event;
        } else if (alert !== undefined && byPlace(alert, thread) <= 0) {
          a++;
          yield alert;
        } else break;
      }
      yield thread;
    }
    const rest = [...this.#events.slice(e), ...this.#alerts.slice(a)].sort(byPlace);
    yield* rest;
  }

  /** Each top-level message with the replies nested under it, one thread at a time. */
  *#threads(rows: Iterable<VisibleRow>): Generator<Draft, void, undefined> {
    let parent: Draft | null = null;
    for (const row of rows) {
      const threadTs = row.message.threadTs;
      // Replies to an alert's message are under its entry already (anchor).
      if (
        isReply(row.message) &&
        threadTs !== null &&
        this.#anchors.has(threadTs) &&
        !this.#taken.has(threadTs)
      )
        continue;
      if (row.depth === 1 && parent !== null) {
        parent.entry.replies.push(this.#message(row).entry);
        continue;
      }
      if (parent !== null) yield parent;
      parent = this.#message(row);
    }
    if (parent !== null) yield parent;
  }

  #message(row: VisibleRow): Draft {
    // Numbered as made: messages arrive in order, and ties with alerts are broken by kind.
    const d = messageDraft(row.message, this.#made++, this.#people, this.#max);
    this.#mark(d.entry);
    return d;
  }

  #mark(entry: TimelineEntry): void {
    entry.beforeDeclaration = entry.at < this.#declaredAt;
  }
}
