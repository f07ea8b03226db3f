/** A place in a document kept for lines known only later (the transcript's hidden threads). */
export class LineSlot {
  readonly lines: string[] = [];
}

/**
 * Lines gathered into parts of about `partChars` characters, each part handed to `seal` as it
 * fills (a streamed draft encodes it to UTF-8 there, so its text never piles up as strings).
 * Lines are joined with '\n'; a builder that does not start the document puts one before its
 * first line too, so builders' parts concatenate into the document. Parts end between lines.
 */
export class PartsBuilder<P> {
  readonly #parts: (P | LineSlot)[] = [];
  readonly #seal: (text: string) => P;
  readonly #partChars: number;
  #text = '';
  #first: boolean;

  constructor(seal: (text: string) => P, partChars: number, startsDocument = false) {
    this.#seal = seal;
    this.#partChars = partChars;
    this.#first = startsDocument;
  }

  line(text: string): void {
    this.#text += this.#first ? text : `\n${text}`;
    this.#first = false;
    if (this.#text.length >= this.#partChars) this.#flush();
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
      let text = '';
      for (const line of part.lines) {
        text += `\n${line}`;
        if (text.length >= this.#partChars) {
          out.push(this.#seal(text));
          text = '';
        }
      }
      if (text !== '') out.push(this.#seal(text));
    }
    this.#parts.length = 0;
    return out;
  }

  #flush(): void {
    if (this.#text === '') return;
    this.#parts.push(this.#seal(this.#text));
    this.#text = '';
  }
}
