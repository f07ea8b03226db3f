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
  const format = transcriptFormat(timeZone);
  let any = false;
  for (const line of source) {
    if (!any) yield format.intro;
    any = true;
    if (line.depth === 0) yield* format.top(line);
    else yield format.reply(line);
  }
  if (!any) yield format.empty;
}

/** The transcript's lines one message at a time: what `transcript` says, for a streamed draft. */
export interface TranscriptFormat {
  /** The first line, before the first message's. */
  readonly intro: string;
  /** Instead of any line when nothing was said. */
  readonly empty: string;
  /** A top-level message's line, after its day's heading when the day changed. */
  top(line: TranscriptLine): string[];
  /** The day of the last top-level message: what `reply` compares a reply's day with. */
  readonly parentDay: string | null;
  /** A reply's line; a reply on another day than its parent (`parentDay`) says its day. */
  reply(line: TranscriptLine, parentDay?: string | null): string;
}

export function transcriptFormat(timeZone: string): TranscriptFormat {
  const { clock, day: dayOf } = zoneTimes(timeZone);
  let day: string | null = null;
  return {
    intro: `_Times in ${timeZone}._`,
    empty: '_Nothing was said in the channel._',
    get parentDay() {
      return day;
    },
    top(line) {
      const lineDay = dayOf(line.at);
      const text = `- ${transcriptLine(line, clock(line.at))}`;
      if (lineDay === day) return [text];
      day = lineDay;
      return ['', `### ${lineDay}`, '', text];
    },
    reply(line, parentDay = day) {
      const lineDay = dayOf(line.at);
      const time = clock(line.at);
      // A late reply under an earlier parent would otherwise look like it came first.
      const stamp = lineDay === parentDay ? time : `${lineDay} ${time}`;
      return `  - ${transcriptLine(line, stamp)}`;
    },
  };
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
