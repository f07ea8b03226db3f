import type { TimelineEntry } from '../timeline.ts';
import { TIMELINE_ICONS } from './icons.ts';
import { mdText } from './markdown-text.ts';
import { zoneTimes } from './zone-times.ts';

export function renderTimeline(timeline: readonly TimelineEntry[], timeZone: string): string[] {
  if (timeline.length === 0) return ['_Nothing was recorded in the channel._'];
  const { clock, day: dayOf } = zoneTimes(timeZone);
  const lines = [`_Times in ${timeZone}._`];
  let day: string | null = null;
  for (const entry of timeline) {
    const entryDay = dayOf(entry.at);
    if (entryDay !== day) {
      lines.push('', `### ${entryDay}`, '');
      day = entryDay;
    }
    lines.push(`- ${entryLine(entry, clock(entry.at))}`);
    for (const reply of entry.replies) {
      const replyDay = dayOf(reply.at);
      // A late reply on another day would otherwise look like it happened before its parent.
      const time = clock(reply.at);
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
