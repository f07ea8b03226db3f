import type { RecordedMessage } from '../types.ts';

/** A message in thread order: depth 1 when it is a reply placed right after its parent. */
export interface ThreadRow {
  message: RecordedMessage;
  depth: 0 | 1;
}

/** A timeline row: also its place among the visible messages in time order. */
export interface VisibleRow extends ThreadRow {
  index: number;
}

/**
 * An incident's messages read as a long draft needs them, each order read afresh on every call
 * (the store streams them from its rows: a draft never holds them all). Time order is
 * (postedAt, ts); thread order keeps that order for parents and puts each reply, in time order,
 * right after the earliest non-reply message whose ts it names; replies without one stay in time
 * order. The visible order does the same over messages neither deleted nor alerts.
 */
export interface MessageRows {
  inTimeOrder(): Iterable<RecordedMessage>;
  inThreadOrder(): Iterable<ThreadRow>;
  visibleInThreadOrder(): Iterable<VisibleRow>;
}

/** The orders over messages held in memory: what the store's readers must answer. */
export function messageRowsOf(messages: readonly RecordedMessage[]): MessageRows {
  const sorted = () => [...messages].sort(byTime);
  return {
    inTimeOrder: sorted,
    inThreadOrder: () => threadOrder(sorted()).map(({ message, depth }) => ({ message, depth })),
    visibleInThreadOrder: () => threadOrder(sorted().filter(isVisible)),
  };
}

export function isVisible(m: RecordedMessage): boolean {
  return !m.deleted && m.alert === null;
}

function byTime(a: RecordedMessage, b: RecordedMessage): number {
  return a.postedAt - b.postedAt || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);
}

function threadOrder(sorted: RecordedMessage[]): VisibleRow[] {
  const isReply = (m: RecordedMessage) => m.threadTs !== null && m.threadTs !== m.ts;
  const roots = new Map<string, RecordedMessage>();
  for (const m of sorted) if (!isReply(m) && !roots.has(m.ts)) roots.set(m.ts, m);
  const keyed = sorted.map((message, index) => {
    const root =
      message.threadTs === null || !isReply(message) ? undefined : roots.get(message.threadTs);
    const head = root ?? message;
    return { message, index, depth: root === undefined ? 0 : 1, head } as const;
  });
  return keyed
    .sort(
      (a, b) =>
        byTime(a.head, b.head) ||
        a.depth - b.depth ||
        byTime(a.message, b.message) ||
        a.index - b.index,
    )
    .map(({ message, index, depth }) => ({ message, index, depth }));
}
