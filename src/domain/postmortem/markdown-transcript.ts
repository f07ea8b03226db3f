import { mdText } from './markdown-text.ts';
import type { PostmortemDraft, TranscriptLine } from './model.ts';
import { zoneTimes } from './zone-times.ts';

/** The whole conversation, for readers who want more than the curated timeline. */
export function transcript(draft: PostmortemDraft): string[] {
  const { timeZone } = draft;
  if (draft.transcript.length === 0) return ['_Nothing was said in the channel._'];
  const { clock, day: dayOf } = zoneTimes(timeZone);
  const lines = [`_Times in ${timeZone}._`];
  let day: string | null = null;
  let parentDay: string | null = null;
  for (const line of draft.transcript) {
    const lineDay = dayOf(line.at);
    const time = clock(line.at);
    if (line.depth === 0) {
      if (lineDay !== day) lines.push('', `### ${lineDay}`, '');
      day = lineDay;
      parentDay = lineDay;
      lines.push(`- ${transcriptLine(line, time)}`);
    } else {
      // A late reply under an earlier parent would otherwise look like it came first.
      const stamp = lineDay === parentDay ? time : `${lineDay} ${time}`;
      lines.push(`  - ${transcriptLine(line, stamp)}`);
    }
  }
  return lines;
}

export function deletedCount(draft: PostmortemDraft): number {
  return draft.transcript.filter((line) => line.deleted).length;
}

function transcriptLine(line: TranscriptLine, time: string): string {
  const actor = mdText(line.actor);
  if (line.deleted) return `**${time}** ${actor}: _(message deleted)_`;
  const edited = line.edited ? ' _(edited)_' : '';
  const text = line.text === '' ? '' : ` ${mdText(line.text)}`;
  return `**${time}** ${actor}:${text}${edited}`;
}
