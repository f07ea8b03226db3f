import { formatClock, formatDay } from '../time-format.ts';
import type { TimelineEntry } from '../timeline.ts';
import { TIMELINE_ICONS } from './icons.ts';
import { mdText } from './markdown-text.ts';

export function renderTimeline(timeline: readonly TimelineEntry[], timeZone: string): string[] {
  if (timeline.length === 0) return ['_Nothing was recorded in the channel._'];
  const lines = [`_Times in ${timeZone}._`];
  let day: string | null = null;
  for (const entry of timeline) {
    const entryDay = formatDay(entry.at, timeZone);
    if (entryDay !== day) {
      lines.push('', `### ${entryDay}`, '');
      day = entryDay;
    }
    lines.push(`- ${entryLine(entry, formatClock(entry.at, timeZone))}`);
    for (const reply of entry.replies) {
      const replyDay = formatDay(reply.at, timeZone);
      // A late reply on another day would otherwise look like it happened before its parent.
      const time = formatClock(reply.at, timeZone);
      lines.push(`  - ${entryLine(reply, replyDay === entryDay ? time : `${replyDay} ${time}`)}`);
    }
  }
  return lines;
}

function entryLine(entry: TimelineEntry, time: string): string {
  // A 📌-marked message is a key event even though it is plain conversation.
  const icon = entry.kind === 'message' && entry.key ? '📌' : TIMELINE_ICONS[entry.kind];
  const edited = entry.edited ? ' _(edited)_' : '';
  const early = entry.beforeDeclaration ? ' _(before declaration)_' : '';
  const text = entry.text === '' ? '' : ` ${mdText(entry.text)}`;
  return `**${time}** ${icon === '' ? '' : `${icon} `}${mdText(entry.actor)}:${text}${edited}${early}`;
}
