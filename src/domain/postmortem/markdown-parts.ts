/** Where a part's text goes as it is written, line by line, until the part is sealed. */
export interface PartWriter<P> {
  write(text: string): void;
  /** How much the part holds so far, in the unit `partSize` limits (characters, bytes). */
  readonly size: number;
  /**
   * At most `size`, and cheap to ask after every line (a writer that batches its writes may
   * leave out what it has not written yet: by less than a line or a batch).
   */
  readonly atLeast: number;
  /** The part written so far; the writer starts a new one. */
  seal(): P;
}

/** How a document's parts are made (as text, or as UTF-8 written straight into bytes). */
export interface PartMaker<P> {
  writer(): PartWriter<P>;
  /** Neighbouring parts as one. */
  join(parts: P[]): P;
  /** A part's `start` to `end` (in the unit of `size`) as a part of its own. */
  slice(part: P, start: number, end?: number): P;
  size(part: P): number;
  /** About how big a part grows before it is sealed; 256 KiB when left out. */
  partSize?: number;
}

/** Parts as text, for readers that want the document itself (tests, small drafts). */
export const TEXT_PARTS: PartMaker<string> = {
  writer: () => {
    let text = '';
    return {
      write: (more) => {
        text += more;
      },
      get size() {
        return text.length;
      },
      get atLeast() {
        return text.length;
      },
      seal: () => {
        const part = text;
        text = '';
        return part;
      },
    };
  },
  join: (parts) => parts.join(''),
  slice: (part, start, end) => part.slice(start, end),
  size: (part) => part.length,
};

/** A place in a document kept for lines known only later (the transcript's hidden threads). */
export class LineSlot {
  readonly lines: string[] = [];
  /** Where in its part (in the unit of `size`). */
  constructor(readonly at: number) {}
}

/** A sealed part, with the slots kept in it (most stay empty). */
interface Sealed<P> {
  part: P;
  slots: LineSlot[];
}

/**
 * Lines gathered into parts of about `partSize`, each sealed as it fills. Lines are joined with
 * '\n'; a builder that does not start the document puts one before its first line too, so
 * builders' parts concatenate into the document. Parts end between lines.
 */
export class PartsBuilder<P> {
  readonly #parts: Sealed<P>[] = [];
  readonly #maker: PartMaker<P>;
  readonly #writer: PartWriter<P>;
  /** The slots kept in the part being written. */
  #slots: LineSlot[] = [];
  readonly #partSize: number;
  #first: boolean;

  constructor(maker: PartMaker<P>, startsDocument = false) {
    this.#maker = maker;
    this.#writer = maker.writer();
    this.#partSize = maker.partSize ?? 256 * 1024;
    this.#first = startsDocument;
  }

  line(text: string): void {
    if (!this.#first) this.#writer.write('\n');
    this.#first = false;
    this.#writer.write(text);
    if (this.#writer.atLeast >= this.#partSize) this.#flush();
  }

  lines(texts: Iterable<string>): void {
    for (const text of texts) this.line(text);
  }

  /**
   * A place here for lines added later, before `done`. Kept as an offset in the part, which is
   * sealed as usual: a draft keeps one for every hidden message, and few ever get a line.
   */
  slot(): LineSlot {
    const slot = new LineSlot(this.#writer.size);
    this.#slots.push(slot);
    this.#first = false;
    return slot;
  }

  /** The parts, slots filled in (a part whose slots got lines is cut there). */
  done(): P[] {
    this.#flush();
    const out: P[] = [];
    for (const { part, slots } of this.#parts) {
      if (slots.every((slot) => slot.lines.length === 0)) {
        out.push(part);
        continue;
      }
      let from = 0;
      for (const slot of slots) {
        if (slot.lines.length === 0) continue;
        if (slot.at > from) out.push(this.#maker.slice(part, from, slot.at));
        from = slot.at;
        for (const line of slot.lines) {
          this.#writer.write(`\n${line}`);
          if (this.#writer.size >= this.#partSize) out.push(this.#writer.seal());
        }
        if (this.#writer.size > 0) out.push(this.#writer.seal());
      }
      if (from < this.#maker.size(part)) out.push(this.#maker.slice(part, from));
    }
    this.#parts.length = 0;
    return out;
  }

  #flush(): void {
    if (this.#writer.size === 0 && this.#slots.length === 0) return;
    this.#parts.push({ part: this.#writer.seal(), slots: this.#slots });
    this.#slots = [];
  }
}

/** Neighbouring parts joined up to the maker's part size (slots and sections leave small ones). */
export function joinSmall<P>(parts: P[], maker: PartMaker<P>): P[] {
  const limit = maker.partSize ?? 256 * 1024;
  const out: P[] = [];
  let run: P[] = [];
  let size = 0;
  const close = () => {
    if (run.length > 0) out.push(run.length === 1 ? (run[0] as P) : maker.join(run));
    run = [];
    size = 0;
  };
  for (const part of parts) {
    const n = maker.size(part);
    if (size > 0 && size + n > limit) close();
    run.push(part);
    size += n;
  }
  close();
  return out;
}
