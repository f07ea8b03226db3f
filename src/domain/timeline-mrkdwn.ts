import { type SlackTimes, safeLine, slackTimes } from './mrkdwn.ts';
import { TIMELINE_ICONS } from './postmortem/icons.ts';
import type { TimelineEntry } from './timeline.ts';

// Caps on plain text before escaping: `&` grows fivefold as `&amp;`, and even then a timeline
// line (time token + actor + text) stays well under a Slack section's 3,000 characters.
const ACTOR_MAX = 60;
const LINE_TEXT_MAX = 400;

/** The timeline as mrkdwn lines, for the draft's summary and the `/incident timeline` reply. */
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
