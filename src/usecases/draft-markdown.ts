import { Buffer } from 'node:buffer';
import type { PartMaker, PartWriter } from '../domain/postmortem/markdown-parts.ts';

/**
 * A draft's Markdown as UTF-8, in the parts it was rendered in (each ends between lines). A long
 * incident's document is ten megabytes; kept as bytes it is stored, fingerprinted and uploaded
 * without ever being one string (twenty megabytes as UTF-16) on the thread that answers Slack.
 */
export type MarkdownBytes = readonly Uint8Array<ArrayBuffer>[];

/** Each part encoded as it comes, so the whole document never exists as one string. */
export function utf8Parts(parts: Iterable<string>): Uint8Array<ArrayBuffer>[] {
  const encoder = new TextEncoder();
  return Array.from(parts, (part) => encoder.encode(part));
}

/** The document as one string: for small drafts and for readers that need the text itself. */
export function markdownText(markdown: string | MarkdownBytes): string {
  if (typeof markdown === 'string') return markdown;
  const decoder = new TextDecoder();
  let text = '';
  for (const part of markdown) text += decoder.decode(part, { stream: true });
  return text + decoder.decode();
}

/** How many bytes the document has as UTF-8. */
export function markdownSize(markdown: MarkdownBytes): number {
  let size = 0;
  for (const part of markdown) size += part.byteLength;
  return size;
}

/**
 * Parts as UTF-8, each line encoded straight into the part's bytes as it is written: the text of
 * a long draft never piles up as strings (which outlived the young generation and cost the
 * draft worker as much collecting as rendering), and no part is encoded whole. `partSize`: about
 * how big a part grows before it is sealed (PartMaker's default when left out).
 */
export function utf8PartMaker(partSize?: number): PartMaker<Uint8Array<ArrayBuffer>> {
  return {
    ...(partSize === undefined ? {} : { partSize }),
    writer: () => utf8Writer(partSize ?? 256 * 1024),
    join: (parts) => {
      const joined = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
      let at = 0;
      for (const part of parts) {
        joined.set(part, at);
        at += part.byteLength;
      }
      return joined;
    },
    // A copy: each part is transferred on its own, so none may share another's buffer.
    slice: (part, start, end) => part.slice(start, end),
    size: (part) => part.byteLength,
  };
}

/** Lines are joined into batches of about this many characters before each is encoded. */
const BATCH_CHARS = 8 * 1024;

function utf8Writer(partBytes: number): PartWriter<Uint8Array<ArrayBuffer>> {
  let bytes = Buffer.allocUnsafe(partBytes + 64 * 1024);
  let size = 0;
  // Encoding a line at a time costs a call into the encoder per line (two per line in a cold
  // draft worker was 100 ms of 50,000 messages'); lines wait in one string up to a batch.
  let pending = '';
  const flush = () => {
    if (pending === '') return;
    // A UTF-16 unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4).
    if (size + pending.length * 3 > bytes.length) {
      const larger = Buffer.allocUnsafe(Math.max(bytes.length * 2, size + pending.length * 3));
      bytes.copy(larger, 0, 0, size);
      bytes = larger;
    }
    // Written at an offset: no view of the buffer made per batch, as encodeInto needs.
    size += bytes.write(pending, size, 'utf8');
    pending = '';
  };
  return {
    write(text) {
      pending += text;
      if (pending.length >= BATCH_CHARS) flush();
    },
    get size() {
      flush();
      return size;
    },
    get atLeast() {
      return size + pending.length;
    },
    seal() {
      flush();
      // A copy of its own: each part is transferred on its own, and the buffer is reused.
      const part = new Uint8Array(size);
      part.set(bytes.subarray(0, size));
      size = 0;
      return part;
    },
  };
}
