import { packLines } from '../../domain/mrkdwn.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import { timelineLines } from '../../domain/timeline-mrkdwn.ts';
import { context, LIMITS, type SlackBlock, section } from './slack-block.ts';

/**
 * Key events only: the summary is read in the channel, and the state changes, alerts, status
 * updates and 📌 messages tell the story; the full timeline is in the draft. A 📌 reply counts
 * too, so it is lifted out of its thread.
 */
export function keyTimelineBlocks(
  timeline: readonly TimelineEntry[],
  timeZone: string,
  budget: number,
): SlackBlock[] {
  const keys = timeline
    .flatMap((e) => [e, ...e.replies])
    .filter((e) => e.key)
    .map((e, index) => ({ e, index }))
    .sort((a, b) => a.e.at - b.e.at || a.index - b.index)
    .map(({ e }) => e);
  if (keys.length === 0) return [section('*Key events*\n_No key events were recorded._')];
  const lines = timelineLines(keys, timeZone, false);
  const all = packLines(['*Key events*', ...lines], LIMITS.sectionText, Math.max(1, budget));
  if (all.used === lines.length + 1) return all.texts.map(section);
  // Room for the count of what was left out.
  const some = packLines(['*Key events*', ...lines], LIMITS.sectionText, Math.max(1, budget - 1));
  const hidden = lines.length - Math.max(0, some.used - 1);
  return [...some.texts.map(section), context(`…and ${hidden} more key events in the full draft`)];
}
