import { isReply } from '../timeline.ts';
import type { RecordedMessage } from '../types.ts';

/** A timeline row: a visible message. */
export interface VisibleRow {
  message: RecordedMessage;
  /** 1 when a reply placed right after its visible parent. */
  depth: 0 | 1;
}

/**
 * A message in the draft's order, with its place in both sections that list messages. The
 * transcript shows every message, each reply under its recorded parent; the timeline shows the
 * visible ones (neither deleted nor alerts), each reply under its visible parent.
 */
export interface DraftRow {
  message: RecordedMessage;
  /**
   * A reply's recorded parent, as the timeline sees it (hidden: deleted or an alert); null for
   * a message that is not a reply, or whose parent was never recorded. The transcript nests a
   * reply under any parent, the timeline a visible one under a visible parent only.
   */
  parent: 'visible' | 'hidden' | null;
}

/**
 * An incident's messages read as a long draft needs them, afresh on every call (the store
 * streams them from its rows: a draft never holds them all).
 *
 * The draft order: each message is keyed by its thread's place (its parent's time and ts for a
 * reply placed under its parent, else its own) and then its own time: a reply sorts right after
 * the non-reply message with the same channel and ts as its thread_ts. A visible reply sorts so
 * only under a visible parent, an invisible one under any parent. So the visible rows come in the
 * timeline's order, and every row but a visible reply under a hidden parent in the transcript's.
 * Time order is (postedAt, ts).
 */
export interface MessageRows {
  /** Every message once, in the draft order. */
  inDraftOrder(): Iterable<DraftRow>;
  /**
   * The visible messages an alert's message anchors, in time order: non-replies whose ts is in
   * `anchors` (another channel's message with the same ts) and replies whose thread_ts is.
   */
  anchoredBy(anchors: ReadonlySet<string>): Iterable<VisibleRow>;
}

/** The orders over messages held in memory: what the store's readers must answer. */
export function messageRowsOf(messages: readonly RecordedMessage[]): MessageRows {
  const sorted = () => [...messages].sort(byTime);
  return {
    inDraftOrder: () => draftOrder(sorted()),
    anchoredBy: (anchors) =>
      sorted()
        .filter(
          (m) =>
            isVisible(m) &&
            (isReply(m) ? m.threadTs !== null && anchors.has(m.threadTs) : anchors.has(m.ts)),
        )
        .map((message) => ({ message, depth: 0 })),
  };
}

export function isVisible(m: RecordedMessage): boolean {
  return !m.deleted && m.alert === null;
}

/** A message's place in its channel, as a reply's thread_ts names its parent's. */
export function threadPlace(channelId: string, ts: string): string {
  return `${channelId}\u0000${ts}`;
}

export function byTime(
  a: Pick<RecordedMessage, 'postedAt' | 'ts'>,
  b: Pick<RecordedMessage, 'postedAt' | 'ts'>,
): number {
  return a.postedAt - b.postedAt || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
}

function draftOrder(sorted: RecordedMessage[]): DraftRow[] {
  const roots = new Map<string, RecordedMessage>();
  for (const m of sorted) {
    const place = threadPlace(m.channelId, m.ts);
    if (!isReply(m) && !roots.has(place)) roots.set(place, m);
  }
  const keyed = sorted.map((message, order) => {
    const root =
      message.threadTs === null || !isReply(message)
        ? undefined
        : roots.get(threadPlace(message.channelId, message.threadTs));
    const visible = isVisible(message);
    const under = root !== undefined && (!visible || isVisible(root)) ? root : undefined;
    const row: DraftRow = {
      message,
      parent: root === undefined ? null : isVisible(root) ? 'visible' : 'hidden',
    };
    return { row, head: under ?? message, nested: under === undefined ? 0 : 1, order };
  });
  return keyed
    .sort(
      (a, b) =>
        byTime(a.head, b.head) ||
        a.nested - b.nested ||
        byTime(a.row.message, b.row.message) ||
        a.order - b.order,
    )
    .map(({ row }) => row);
}
