import { packLines } from '../../domain/mrkdwn.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import { timelineLines } from '../../domain/timeline-mrkdwn.ts';
import { context, LIMITS, type SlackBlock, section } from './slack-block.ts';

/**
 * Key events only: the summary is read in the channel, and the state changes, alerts, status
 * updates and 📌 messages tell the story; the full timeline is in the draft. `keys` are the
 * summary's (a 📌 reply lifted out of its thread, in time order), `keysMore` how many more the
 * draft has: counted with those that do not fit.
 */
export function keyTimelineBlocks(
  keys: readonly TimelineEntry[],
  keysMore: number,
  timeZone: string,
  budget: number,
): SlackBlock[] {
  if (keys.length === 0 && keysMore === 0) {
    return [section('*Key events*\n_No key events were recorded._')];
  }
  const lines = timelineLines(keys, timeZone, false);
  const all = packLines(['*Key events*', ...lines], LIMITS.sectionText, Math.max(1, budget));
  if (all.used === lines.length + 1 && keysMore === 0) return all.texts.map(section);
  // Room for the count of what was left out.
  const some = packLines(['*Key events*', ...lines], LIMITS.sectionText, Math.max(1, budget - 1));
  const hidden = lines.length - Math.max(0, some.used - 1) + keysMore;
  return [...some.texts.map(section), context(`…and ${hidden} more key events in the full draft`)];
}
