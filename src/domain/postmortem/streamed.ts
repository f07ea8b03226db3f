import type { TimelineEntry } from '../timeline.ts';
import { StreamedTimeline } from '../timeline-stream.ts';
import { markdownFooter, markdownHead, markdownMiddle } from './markdown.ts';
import { joinSmall, type PartMaker, PartsBuilder } from './markdown-parts.ts';
import { timelineLines } from './markdown-timeline.ts';
import { type FoldedMessages, MessageFold, messageFolds } from './message-fold.ts';
import { isVisible, type MessageRows, type VisibleRow } from './message-rows.ts';
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

/** The timeline's parts and its key entries (replies lifted out: all the Slack summary shows). */
interface TimelineParts<P> {
  timeline: P[];
  keys: readonly TimelineEntry[];
}

/**
 * The timeline section's lines, from the visible messages in the draft order (anchored replies
 * read first through `anchoredBy`), rendered entry by entry into parts.
 */
function streamTimeline<P>(
  input: Omit<PostmortemInput, 'messages'>,
  rows: Pick<MessageRows, 'anchoredBy'>,
  visible: Iterable<VisibleRow>,
  maker: PartMaker<P>,
): TimelineParts<P> {
  const timeline = new StreamedTimeline(input);
  const anchors = timeline.anchors;
  if (anchors.size > 0) timeline.anchor(rows.anchoredBy(anchors));
  const out = new PartsBuilder(maker);
  out.lines(timelineLines(timeline.entries(visible), input.timeZone));
  return { timeline: out.done(), keys: timeline.keys };
}

/** What the document has besides the timeline and the transcript, and the draft it shows. */
interface DraftParts<P> {
  draft: PostmortemDraft;
  /** Down to the timeline's heading. */
  head: P[];
  /** From after the timeline to the transcript's heading. */
  middle: P[];
  /** After the transcript. */
  footer: P[];
}

/** The draft's head and its parts, once the messages are folded. */
function draftParts<P>(
  input: Omit<PostmortemInput, 'messages'>,
  folded: FoldedMessages,
  maker: PartMaker<P>,
): DraftParts<P> {
  const draft = buildPostmortemHead({ ...input, messages: [] }, messageFolds(folded));
  const head = new PartsBuilder(maker, true);
  head.lines(markdownHead(draft));
  const middle = new PartsBuilder(maker);
  middle.lines(markdownMiddle(draft, folded.deleted));
  const footer = new PartsBuilder(maker);
  footer.lines(markdownFooter(draft));
  return { draft, head: head.done(), middle: middle.done(), footer: footer.done() };
}

/** The whole document from its sections' parts, small ones joined. */
function assembleMarkdown<P>(
  parts: DraftParts<P>,
  timeline: readonly P[],
  transcriptParts: readonly P[],
  maker: PartMaker<P>,
): P[] {
  return joinSmall(
    [...parts.head, ...timeline, ...parts.middle, ...transcriptParts, ...parts.footer],
    maker,
  );
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
  const fold = new MessageFold(input.people, input.timeZone);
  const transcriptOut = new PartsBuilder(maker);
  const transcriptRows = new StreamedTranscript(transcriptOut, input.people, input.timeZone);
  function* visible(): Generator<VisibleRow, void, undefined> {
    for (const row of rows.inDraftOrder()) {
      fold.add(row.message);
      transcriptRows.add(row);
      if (isVisible(row.message)) yield { message: row.message, depth: row.visibleDepth };
    }
  }
  const { timeline, keys } = streamTimeline(input, rows, visible(), maker);
  transcriptRows.end();
  const parts = draftParts(input, fold.result(), maker);
  const markdown = assembleMarkdown(parts, timeline, transcriptOut.done(), maker);
  return { draft: parts.draft, keys, markdown };
}
