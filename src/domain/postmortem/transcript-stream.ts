import { isReply } from '../timeline.ts';
import type { PeopleDirectory } from '../types.ts';
import type { LineSlot, PartsBuilder } from './markdown-parts.ts';
import { type TranscriptFormat, transcriptFormat } from './markdown-transcript.ts';
import { byTime, type DraftRow, isVisible, threadPlace } from './message-rows.ts';
import { type TranscriptLine, transcriptLine } from './transcript.ts';

/** A hidden message's thread: its replies wait for the end of the rows, then fill its slot. */
interface HiddenThread {
  slot: LineSlot | null;
  day: string | null;
  replies: { postedAt: number; ts: string; line: TranscriptLine }[];
}

/**
 * The transcript written from the rows in the draft order (MessageRows.inDraftOrder) as they are
 * read, the same lines `transcript` writes from the transcript's own order. The draft order has
 * every row in the transcript's place but the replies under a hidden parent (a deleted message,
 * an alert), which may come later: those wait in a slot kept after their parent, filled at `end`.
 */
export class StreamedTranscript<P> {
  readonly #out: PartsBuilder<P>;
  readonly #people: PeopleDirectory;
  readonly #format: TranscriptFormat;
  readonly #hidden = new Map<string, HiddenThread>();
  #any = false;

  constructor(out: PartsBuilder<P>, people: PeopleDirectory, timeZone: string) {
    this.#out = out;
    this.#people = people;
    this.#format = transcriptFormat(timeZone);
  }

  add(row: DraftRow): void {
    if (!this.#any) this.#out.line(this.#format.intro);
    this.#any = true;
    const m = row.message;
    const line = transcriptLine(m, row.parent === null ? 0 : 1, this.#people);
    if (row.parent === 'hidden' && m.threadTs !== null) {
      this.#thread(m.channelId, m.threadTs).replies.push({ postedAt: m.postedAt, ts: m.ts, line });
    } else if (row.parent === 'visible') {
      this.#out.line(this.#format.reply(line));
    } else {
      this.#out.lines(this.#format.top(line));
      if (!isVisible(m) && !isReply(m)) {
        const thread = this.#thread(m.channelId, m.ts);
        // The first hidden message with this place is its replies' parent.
        if (thread.slot === null) {
          thread.slot = this.#out.slot();
          thread.day = this.#format.parentDay;
        }
      }
    }
  }

  /** After the last row: the hidden threads' replies, in time order, in their slots. */
  end(): void {
    if (!this.#any) this.#out.line(this.#format.empty);
    for (const thread of this.#hidden.values()) {
      if (thread.slot === null) continue;
      thread.replies.sort(byTime);
      for (const { line } of thread.replies) {
        thread.slot.lines.push(this.#format.reply(line, thread.day));
      }
    }
    this.#hidden.clear();
  }

  #thread(channelId: string, ts: string): HiddenThread {
    const place = threadPlace(channelId, ts);
    let thread = this.#hidden.get(place);
    if (thread === undefined) {
      thread = { slot: null, day: null, replies: [] };
      this.#hidden.set(place, thread);
    }
    return thread;
  }
}
