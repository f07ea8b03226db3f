import type { TimelineEntry } from '../timeline.ts';
import { mdText } from './markdown-text.ts';
import type { TranscriptLine } from './model.ts';
import { zoneTimes } from './zone-times.ts';

/** Where the appendix takes its lines from: a draft's own, or lines made one at a time. */
export interface TranscriptSource {
  lines: Iterable<TranscriptLine>;
  /** How many of the lines are deleted messages (the timeline says so). */
  deleted: number;
  /** The timeline's entries as they are made; absent: the draft's own. */
  timeline?: Iterable<TimelineEntry>;
}

/** The whole conversation, for readers who want more than the curated timeline. */
export function* transcript(
  source: Iterable<TranscriptLine>,
  timeZone: string,
): Generator<string, void, undefined> {
  const { clock, day: dayOf } = zoneTimes(timeZone);
  let any = false;
  let day: string | null = null;
  let parentDay: string | null = null;
  for (const line of source) {
    if (!any) yield `_Times in ${timeZone}._`;
    any = true;
    const lineDay = dayOf(line.at);
    const time = clock(line.at);
    if (line.depth === 0) {
      if (lineDay !== day) yield* ['', `### ${lineDay}`, ''];
      day = lineDay;
      parentDay = lineDay;
      yield `- ${transcriptLine(line, time)}`;
    } else {
      // A late reply under an earlier parent would otherwise look like it came first.
      const stamp = lineDay === parentDay ? time : `${lineDay} ${time}`;
      yield `  - ${transcriptLine(line, stamp)}`;
    }
  }
  if (!any) yield '_Nothing was said in the channel._';
}

export function deletedCount(lines: readonly TranscriptLine[]): number {
  return lines.filter((line) => line.deleted).length;
}

function transcriptLine(line: TranscriptLine, time: string): string {
  const actor = mdText(line.actor);
  if (line.deleted) return `**${time}** ${actor}: _(message deleted)_`;
  const edited = line.edited ? ' _(edited)_' : '';
  const text = line.text === '' ? '' : ` ${mdText(line.text)}`;
  return `**${time}** ${actor}:${text}${edited}`;
}
