import type { TimelineEntry } from '../timeline.ts';
import type { PostmortemDraft } from './model.ts';

/**
 * How many key events the Slack summary carries. A Slack message holds 50 blocks of 3,000
 * characters, so at most a few hundred key lines ever fit in it, and the full draft lists them
 * all. A long incident's summary is copied from the draft worker to the thread that answers
 * Slack: 50,000 messages made 2,954 key events (514 KB), 20-45 ms of that thread; 500 keep the
 * copy to a few milliseconds and still fill the message.
 */
export const SUMMARY_KEYS = 500;

/**
 * What the Slack summary reads of a draft: everything but its timeline, transcript and alert
 * episodes, which it never shows, and of the timeline only the first key events in time order.
 */
export interface PostmortemSummary
  extends Omit<PostmortemDraft, 'timeline' | 'transcript' | 'episodes'> {
  /** The key events (replies lifted out, none nested) by time, ties in timeline order: at most SUMMARY_KEYS. */
  keys: TimelineEntry[];
  /** How many more key events the draft has. */
  keysMore: number;
}

/** A timeline's key entries, replies lifted out in order (streamPostmortem gathers the same). */
export function keyEntriesOf(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline
    .flatMap((e) => [e, ...e.replies])
    .filter((e) => e.key)
    .map((e) => ({ ...e, replies: [] }));
}

/** The summary of a whole draft. */
export function summaryOf(draft: PostmortemDraft): PostmortemSummary {
  return summaryFrom(draft, keyEntriesOf(draft.timeline));
}

/**
 * The summary of a draft whose timeline was streamed: its head (timeline and transcript left
 * empty) and the key entries gathered in timeline order.
 */
export function summaryFrom(
  head: PostmortemDraft,
  keyEntries: readonly TimelineEntry[],
): PostmortemSummary {
  const { timeline: _timeline, transcript: _transcript, episodes: _episodes, ...rest } = head;
  // Sort is stable: entries at the same moment keep their timeline order.
  const byTime = [...keyEntries].sort((a, b) => a.at - b.at);
  const keys = byTime.slice(0, SUMMARY_KEYS);
  return { ...rest, keys, keysMore: byTime.length - keys.length };
}
