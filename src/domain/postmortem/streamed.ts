import { detectedPoint } from '../metric-points.ts';
import type { TimelineEntry } from '../timeline.ts';
import { StreamedTimeline } from '../timeline-stream.ts';
import { markdownFooter, markdownHead, markdownMiddle } from './markdown.ts';
import { joinSmall, type PartMaker, PartsBuilder } from './markdown-parts.ts';
import { timelineWriter } from './markdown-timeline.ts';
import { MessageFold } from './message-fold.ts';
import { isVisible, type MessageRows } from './message-rows.ts';
import { buildPostmortemHead, type PostmortemDraft, type PostmortemInput } from './model.ts';
import { StreamedTranscript } from './transcript-stream.ts';

/** A draft whose message-made parts were rendered from the rows as they were read. */
export interface StreamedPostmortem<P> {
  /** The draft, its timeline and transcript left empty (they are in the Markdown). */
  draft: PostmortemDraft;
  /** The timeline's key entries, replies lifted out: all the Slack summary shows of it. */
  keys: readonly TimelineEntry[];
  /** The Markdown, in the parts `seal` made of it. */
  markdown: P[];
}

/**
 * buildPostmortem and its Markdown for a long incident in one thread: the same document, read
 * from the rows once, in the draft order, without ever holding every message, a timeline entry
 * or transcript line per message, or the document as one string. Each row is folded for the
 * head, written into the transcript, and (when visible) made into the timeline; the head, which
 * needs all of them, is written last and put first.
 */
export function streamPostmortem<P>(
  input: Omit<PostmortemInput, 'messages'>,
  rows: MessageRows,
  maker: PartMaker<P>,
): StreamedPostmortem<P> {
  const full: PostmortemInput = { ...input, messages: [] };
  const fold = new MessageFold(input.people, input.timeZone, detectedPoint(full).at);
  const transcriptOut = new PartsBuilder(maker);
  const transcript = new StreamedTranscript(transcriptOut, input.people, input.timeZone);
  const timeline = new StreamedTimeline(input);
  const anchors = timeline.anchors;
  if (anchors.size > 0) timeline.anchor(rows.anchoredBy(anchors));
  const timelineOut = new PartsBuilder(maker);
  const timelineText = timelineWriter(input.timeZone, (text) => timelineOut.line(text));
  timeline.begin((entry) => timelineText.entry(entry));
  for (const row of rows.inDraftOrder()) {
    const message = row.message;
    fold.add(message);
    transcript.add(row);
    if (isVisible(message)) timeline.add(message, row.parent === 'visible' ? 1 : 0);
  }
  timeline.end();
  timelineText.end();
  transcript.end();

  const draft = buildPostmortemHead(full, fold.result());
  const headOut = new PartsBuilder(maker, true);
  headOut.lines(markdownHead(draft));
  const middleOut = new PartsBuilder(maker);
  middleOut.lines(markdownMiddle(draft, fold.deleted));
  transcriptOut.lines(markdownFooter(draft));
  const parts = [
    ...headOut.done(),
    ...timelineOut.done(),
    ...middleOut.done(),
    ...transcriptOut.done(),
  ];
  return { draft, keys: timeline.keys, markdown: joinSmall(parts, maker) };
}
