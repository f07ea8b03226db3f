import type { RecordedMessage } from '../types.ts';
import { type BlamelessFinding, findBlamingLanguage } from './blameless.ts';
import { messageSource } from './blameless-sources.ts';
import { byTime } from './message-rows.ts';
import { BLAMELESS_SHOWN, type MessageFolds } from './model.ts';
import type { MessageTally } from './responders.ts';

/**
 * What the draft's head reads from the messages, folded from them in any order. Plain data, so
 * a worker that reads the messages can hand it to the one that writes the head.
 */
export interface FoldedMessages {
  /** People in the order they first spoke, with their messages' tally. */
  people: [string, MessageTally][];
  /** What the blameless review finds in the messages, in time order: the first ones at least. */
  blameless: BlamelessFinding[];
  blamelessTotal: number;
  deleted: number;
  /** When people (not bots) posted, in no order: the first response after detection is here. */
  humanTimes: Float64Array;
}

/** What buildPostmortemHead reads of the folded messages. */
export function messageFolds(folded: FoldedMessages): MessageFolds {
  const { humanTimes } = folded;
  return {
    participants: folded.people.map(([id]) => id),
    tallies: new Map(folded.people),
    firstHuman: (detectedAt) => {
      let first: number | null = null;
      for (const at of humanTimes) {
        if (at >= detectedAt && (first === null || at < first)) first = at;
      }
      return first;
    },
    blameless: folded.blameless,
    blamelessTotal: folded.blamelessTotal,
  };
}

/** Folds messages as they are read, each as a fold in time order would have it. */
export class MessageFold {
  readonly #blameOf: ReturnType<typeof messageSource>;
  /** Each person's messages, and their first one by time (its ts breaks a tie). */
  readonly #people = new Map<string, MessageTally & { firstTs: string }>();
  /**
   * The earliest messages in which the review finds something (it lists only the first few),
   * kept to between BLAMELESS_SHOWN and twice as many, and how much it finds in all.
   */
  #blame: { postedAt: number; ts: string; found: BlamelessFinding[] }[] = [];
  #blameTotal = 0;
  #humanTimes = new Float64Array(1024);
  #humans = 0;
  #deleted = 0;

  constructor(people: Parameters<typeof messageSource>[0], timeZone: string) {
    this.#blameOf = messageSource(people, timeZone);
  }

  add(m: RecordedMessage): void {
    if (m.deleted) this.#deleted++;
    const source = this.#blameOf(m);
    const found = source === null ? [] : findBlamingLanguage([source]);
    if (found.length > 0) {
      this.#blameTotal += found.length;
      this.#blame.push({ postedAt: m.postedAt, ts: m.ts, found });
      if (this.#blame.length >= 2 * BLAMELESS_SHOWN) this.#blame = this.#earliestBlame();
    }
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
    if (this.#humans === this.#humanTimes.length) {
      const larger = new Float64Array(this.#humans * 2);
      larger.set(this.#humanTimes);
      this.#humanTimes = larger;
    }
    this.#humanTimes[this.#humans++] = m.postedAt;
  }

  #earliestBlame() {
    return this.#blame.sort(byTime).slice(0, BLAMELESS_SHOWN);
  }

  result(): FoldedMessages {
    const people = [...this.#people].sort(([, a], [, b]) =>
      byTime({ postedAt: a.first, ts: a.firstTs }, { postedAt: b.first, ts: b.firstTs }),
    );
    return {
      people: people.map(([id, { first, count }]) => [id, { first, count }]),
      blameless: this.#earliestBlame().flatMap((b) => b.found),
      blamelessTotal: this.#blameTotal,
      deleted: this.#deleted,
      humanTimes: this.#humanTimes.slice(0, this.#humans),
    };
  }
}
