import { TIMELINE_ICONS } from '../../domain/postmortem/icons.ts';
import type { TimelineEntry } from '../../domain/timeline.ts';
import { LIMITS, packLines, type SlackTimes, safeLine, slackTimes } from './mrkdwn-pack.ts';
import { context, type SlackBlock, section } from './slack-block.ts';

// Caps on plain text before escaping: `&` grows fivefold as `&amp;`, and even then a timeline
// line (time token + actor + text) stays well under a section's 3,000 characters.
const ACTOR_MAX = 60;
const LINE_TEXT_MAX = 400;

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

export function timelineLines(
  entries: readonly TimelineEntry[],
  timeZone: string,
  withReplies: boolean,
): string[] {
  // Thousands of key events on a long incident: one zone-time cache for all of them.
  const times = slackTimes(timeZone);
  const lines: string[] = [];
  let day: string | null = null;
  for (const entry of entries) {
    const entryDay = times.dayOf(entry.at);
    lines.push(timelineLine(entry, times, entryDay !== day, ''));
    day = entryDay;
    if (!withReplies) continue;
    for (const reply of entry.replies) {
      lines.push(timelineLine(reply, times, times.dayOf(reply.at) !== day, '      ↳ '));
    }
  }
  return lines;
}

function timelineLine(
  entry: TimelineEntry,
  times: SlackTimes,
  withDate: boolean,
  indent: string,
): string {
  const icon = entry.kind === 'message' && entry.key ? '📌' : TIMELINE_ICONS[entry.kind];
  const text = entry.text === '' ? '' : ` ${safeLine(entry.text, LINE_TEXT_MAX)}`;
  const edited = entry.edited ? ' _(edited)_' : '';
  const early = entry.beforeDeclaration ? ' _(before declaration)_' : '';
  const time = times.slackTime(entry.at, withDate);
  return `${indent}${time} ${icon === '' ? '' : `${icon} `}*${safeLine(entry.actor, ACTOR_MAX)}*:${text}${edited}${early}`;
}
