import { detectedPoint } from '../metric-points.ts';
import type { TimelineEntry } from '../timeline.ts';
import { StreamedTimeline } from '../timeline-stream.ts';
import type { RecordedMessage } from '../types.ts';
import { type BlamelessFinding, findBlamingLanguage } from './blameless.ts';
import { type BlameSource, messageSource } from './blameless-sources.ts';
import { markdownFooter, markdownHead, markdownMiddle } from './markdown.ts';
import { joinSmall, type PartMaker, PartsBuilder } from './markdown-parts.ts';
import { timelineLines } from './markdown-timeline.ts';
import {
  byTime,
  type DraftRow,
  isVisible,
  type MessageRows,
  type VisibleRow,
} from './message-rows.ts';
import { buildPostmortemHead, type PostmortemDraft, type PostmortemInput } from './model.ts';
import type { MessageTally } from './responders.ts';
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
 * buildPostmortem and its Markdown for a long incident: the same document, read from the rows
 * once, in the draft order, without ever holding every message, a timeline entry or transcript
 * line per message, or the document as one string. Each row is folded into what the draft's head
 * reads from messages, written into the transcript, and (when visible) made into the timeline;
 * the head, which needs all of them, is written last and put first.
 */
export function streamPostmortem<P>(
  input: Omit<PostmortemInput, 'messages'>,
  rows: MessageRows,
  maker: PartMaker<P>,
): StreamedPostmortem<P> {
  const full: PostmortemInput = { ...input, messages: [] };
  const fold = new MessageFold(detectedPoint(full).at, messageSource(input.people, input.timeZone));
  const timeline = new StreamedTimeline(full);
  const anchors = timeline.anchors;
  if (anchors.size > 0) timeline.anchor(rows.anchoredBy(anchors));

  const timelineOut = new PartsBuilder(maker);
  const transcriptOut = new PartsBuilder(maker);
  const transcript = new StreamedTranscript(transcriptOut, input.people, input.timeZone);
  function* visible(): Generator<VisibleRow, void, undefined> {
    for (const row of rows.inDraftOrder()) {
      fold.add(row);
      transcript.add(row);
      if (isVisible(row.message)) yield { message: row.message, depth: row.visibleDepth };
    }
  }
  timelineOut.lines(timelineLines(timeline.entries(visible()), input.timeZone));
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

/** What the draft's head reads from the messages, folded in any order (the draft order here). */
class MessageFold {
  readonly #detectedAt: number;
  readonly #blameOf: (m: RecordedMessage) => BlameSource | null;
  /** Each person's messages, and their first one by time (its ts breaks a tie). */
  readonly #people = new Map<string, MessageTally & { firstTs: string }>();
  /** Only what the review finds: most messages that may blame do not, and are not kept. */
  readonly #blame: { postedAt: number; ts: string; found: BlamelessFinding[] }[] = [];
  #firstHuman: number | null = null;
  deleted = 0;

  constructor(detectedAt: number, blameOf: (m: RecordedMessage) => BlameSource | null) {
    this.#detectedAt = detectedAt;
    this.#blameOf = blameOf;
  }

  add({ message: m }: DraftRow): void {
    if (m.deleted) this.deleted++;
    const source = this.#blameOf(m);
    const found = source === null ? [] : findBlamingLanguage([source]);
    if (found.length > 0) this.#blame.push({ postedAt: m.postedAt, ts: m.ts, found });
    if (m.isBot || m.deleted || m.userId === null) return;
    const tally = this.#people.get(m.userId);
    if (tally === undefined) {
      this.#people.set(m.userId, { first: m.postedAt, firstTs: m.ts, count: 1 });
    } else {
      if (byTime(m, { postedAt: tally.first, ts: tally.firstTs }) < 0) {
        tally.first = m.postedAt;
        tally.firstTs = m.ts;
      }
      tally.count++;
    }
    if (
      m.postedAt >= this.#detectedAt &&
      (this.#firstHuman === null || m.postedAt < this.#firstHuman)
    ) {
      this.#firstHuman = m.postedAt;
    }
  }

  /** As a fold in time order has them: people in the order they first spoke, blame by time. */
  result() {
    const people = [...this.#people].sort(([, a], [, b]) =>
      byTime({ postedAt: a.first, ts: a.firstTs }, { postedAt: b.first, ts: b.firstTs }),
    );
    const firstHuman = this.#firstHuman;
    return {
      participants: people.map(([id]) => id),
      tallies: new Map(people.map(([id, { first, count }]) => [id, { first, count }])),
      firstHuman: () => firstHuman,
      blameless: this.#blame.sort(byTime).flatMap((b) => b.found),
    };
  }
}
