/** Where a part's text goes as it is written, line by line, until the part is sealed. */
export interface PartWriter<P> {
  write(text: string): void;
  /** How much the part holds so far, in the unit `partSize` limits (characters, bytes). */
  readonly size: number;
  /** The part written so far; the writer starts a new one. */
  seal(): P;
}

/** How a document's parts are made (as text, or as UTF-8 written straight into bytes). */
export interface PartMaker<P> {
  writer(): PartWriter<P>;
  /** Neighbouring parts as one. */
  join(parts: P[]): P;
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
      seal: () => {
        const part = text;
        text = '';
        return part;
      },
    };
  },
  join: (parts) => parts.join(''),
  size: (part) => part.length,
};

/** A place in a document kept for lines known only later (the transcript's hidden threads). */
export class LineSlot {
  readonly lines: string[] = [];
}

/**
 * Lines gathered into parts of about `partSize`, each sealed as it fills. Lines are joined with
 * '\n'; a builder that does not start the document puts one before its first line too, so
 * builders' parts concatenate into the document. Parts end between lines.
 */
export class PartsBuilder<P> {
  readonly #parts: (P | LineSlot)[] = [];
  readonly #writer: PartWriter<P>;
  readonly #partSize: number;
  #first: boolean;

  constructor(maker: PartMaker<P>, startsDocument = false) {
    this.#writer = maker.writer();
    this.#partSize = maker.partSize ?? 256 * 1024;
    this.#first = startsDocument;
  }

  line(text: string): void {
    if (!this.#first) this.#writer.write('\n');
    this.#first = false;
    this.#writer.write(text);
    if (this.#writer.size >= this.#partSize) this.#parts.push(this.#writer.seal());
  }

  lines(texts: Iterable<string>): void {
    for (const text of texts) this.line(text);
  }

  /** A place here for lines added later, before `done`. */
  slot(): LineSlot {
    this.#flush();
    const slot = new LineSlot();
    this.#parts.push(slot);
    this.#first = false;
    return slot;
  }

  /** The parts, slots filled in. */
  done(): P[] {
    this.#flush();
    const out: P[] = [];
    for (const part of this.#parts) {
      if (!(part instanceof LineSlot)) {
        out.push(part);
        continue;
      }
      for (const line of part.lines) {
        this.#writer.write(`\n${line}`);
        if (this.#writer.size >= this.#partSize) out.push(this.#writer.seal());
      }
      if (this.#writer.size > 0) out.push(this.#writer.seal());
    }
    this.#parts.length = 0;
    return out;
  }

  #flush(): void {
    if (this.#writer.size > 0) this.#parts.push(this.#writer.seal());
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
