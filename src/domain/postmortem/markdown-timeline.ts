import type { TimelineEntry } from '../timeline.ts';
import { TIMELINE_ICONS } from './icons.ts';
import { mdText } from './markdown-text.ts';
import { zoneTimes } from './zone-times.ts';

export function renderTimeline(timeline: readonly TimelineEntry[], timeZone: string): string[] {
  return [...timelineLines(timeline, timeZone)];
}

/** The timeline section's lines. */
export function* timelineLines(
  timeline: Iterable<TimelineEntry>,
  timeZone: string,
): Generator<string, void, undefined> {
  const lines: string[] = [];
  const writer = timelineWriter(timeZone, (line) => lines.push(line));
  for (const entry of timeline) {
    writer.entry(entry);
    yield* lines;
    lines.length = 0;
  }
  writer.end();
  yield* lines;
}

/** The timeline section written an entry at a time, as it is made (a long draft streams it). */
export interface TimelineWriter {
  entry(entry: TimelineEntry): void;
  /** After the last entry. */
  end(): void;
}

export function timelineWriter(timeZone: string, line: (text: string) => void): TimelineWriter {
  const { clock, day: dayOf } = zoneTimes(timeZone);
  let any = false;
  let day: string | null = null;
  return {
    entry(entry) {
      if (!any) line(`_Times in ${timeZone}._`);
      any = true;
      const entryDay = dayOf(entry.at);
      if (entryDay !== day) {
        line('');
        line(`### ${entryDay}`);
        line('');
        day = entryDay;
      }
      line(`- ${entryLine(entry, clock(entry.at))}`);
      for (const reply of entry.replies) {
        const replyDay = dayOf(reply.at);
        // A late reply on another day would otherwise look like it happened before its parent.
        const time = clock(reply.at);
        line(`  - ${entryLine(reply, replyDay === entryDay ? time : `${replyDay} ${time}`)}`);
      }
    },
    end() {
      if (!any) line('_Nothing was recorded in the channel._');
    },
  };
}

function entryLine(entry: TimelineEntry, time: string): string {
  // A 📌-marked message is a key event even though it is plain conversation.
  const icon = entry.kind === 'message' && entry.key ? '📌' : TIMELINE_ICONS[entry.kind];
  const edited = entry.edited ? ' _(edited)_' : '';
  const early = entry.beforeDeclaration ? ' _(before declaration)_' : '';
  const text = entry.text === '' ? '' : ` ${mdText(entry.text)}`;
  return `**${time}** ${icon === '' ? '' : `${icon} `}${mdText(entry.actor)}:${text}${edited}${early}`;
}
