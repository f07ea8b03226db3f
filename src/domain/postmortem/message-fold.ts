import type { RecordedMessage } from '../types.ts';
import { type BlamelessFinding, countBlamingLanguage, findBlamingLanguage } from './blameless.ts';
import { messageBlame } from './blameless-sources.ts';
import { byTime } from './message-rows.ts';
import { BLAMELESS_SHOWN, type MessageFolds } from './model.ts';
import type { MessageTally } from './responders.ts';

/** Folds messages as they are read, each as a fold in time order would have it. */
export class MessageFold {
  readonly #blameOf: ReturnType<typeof messageBlame>;
  /** Each person's messages, and their first one by time (its ts breaks a tie). */
  readonly #people = new Map<string, MessageTally & { firstTs: string }>();
  /**
   * The earliest messages in which the review finds something (it lists only the first few),
   * kept to between BLAMELESS_SHOWN and twice as many, and how much it finds in all.
   */
  #blame: { postedAt: number; ts: string; found: BlamelessFinding[] }[] = [];
  /**
   * The latest of the earliest BLAMELESS_SHOWN kept at the last trim: a message after it cannot
   * be listed, so its findings are only counted (quoting them was most of the review's cost).
   */
  #cutoff: { postedAt: number; ts: string } | null = null;
  #blameTotal = 0;
  readonly #detectedAt: number;
  #firstHuman: number | null = null;
  deleted = 0;

  /** `detectedAt`: from when a person's message is the first response (detectedPoint). */
  constructor(people: Parameters<typeof messageBlame>[0], timeZone: string, detectedAt: number) {
    this.#blameOf = messageBlame(people, timeZone);
    this.#detectedAt = detectedAt;
  }

  add(m: RecordedMessage): void {
    if (m.deleted) this.deleted++;
    const text = this.#blameOf.text(m);
    if (text !== null) this.#review(m, text);
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
    const first = this.#firstHuman;
    if (m.postedAt >= this.#detectedAt && (first === null || m.postedAt < first)) {
      this.#firstHuman = m.postedAt;
    }
  }

  #review(m: RecordedMessage, text: string): void {
    if (this.#cutoff !== null && byTime(m, this.#cutoff) > 0) {
      this.#blameTotal += countBlamingLanguage(text);
      return;
    }
    const found = findBlamingLanguage([{ where: this.#blameOf.where(m), text }]);
    if (found.length === 0) return;
    this.#blameTotal += found.length;
    this.#blame.push({ postedAt: m.postedAt, ts: m.ts, found });
    if (this.#blame.length >= 2 * BLAMELESS_SHOWN) {
      this.#blame = this.#earliestBlame();
      this.#cutoff = this.#blame.at(-1) ?? null;
    }
  }

  #earliestBlame() {
    return this.#blame.sort(byTime).slice(0, BLAMELESS_SHOWN);
  }

  /** What buildPostmortemHead reads of the messages. */
  result(): MessageFolds {
    const people = [...this.#people].sort(([, a], [, b]) =>
      byTime({ postedAt: a.first, ts: a.firstTs }, { postedAt: b.first, ts: b.firstTs }),
    );
    const firstHuman = this.#firstHuman;
    return {
      participants: people.map(([id]) => id),
      tallies: new Map(people.map(([id, { first, count }]) => [id, { first, count }])),
      firstHuman: () => firstHuman,
      blameless: this.#earliestBlame().flatMap((b) => b.found),
      blamelessTotal: this.#blameTotal,
    };
  }
}
