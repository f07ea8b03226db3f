import { isUtf8 } from 'node:buffer';
import { splitParts } from '../domain/text-parts.ts';
import type { MarkdownBytes } from '../usecases/draft-markdown.ts';

/**
 * A part of a draft's Markdown as it is handed to the database: UTF-8 bytes of whole characters
 * (SQLite stores them as text without their ever becoming a string here), or text.
 */
export type StoredPart = Uint8Array | string;

/**
 * A draft's Markdown as the parts it is stored in, of at most `partChars` characters each and
 * never one that splits a character. Bytes stay bytes: decoding ten megabytes of mostly-ASCII
 * Markdown with a few emoji costs Node 20 ~65 ms (V8's decoder is scalar past the first
 * non-ASCII byte), while checking them with `isUtf8` costs well under one.
 */
export function* storedParts(
  markdown: string | MarkdownBytes,
  partChars: number,
): Generator<StoredPart, void, undefined> {
  if (typeof markdown === 'string') {
    yield* splitParts(markdown, partChars);
    return;
  }
  const maxBytes = Math.max(2, partChars);
  // Checked whole first (well under a millisecond for ten megabytes): bytes that are not UTF-8,
  // which no renderer sends, are decoded as before instead, U+FFFD where the decoder put one.
  if (!allUtf8(utf8Slices(markdown, maxBytes))) {
    yield* decodedParts(markdown, partChars);
    return;
  }
  let any = false;
  for (const slice of utf8Slices(markdown, maxBytes)) {
    any = true;
    yield slice;
  }
  // An empty document is still one (empty) part, as splitParts makes it: a draft has a document.
  if (!any) yield '';
}

function allUtf8(slices: Iterable<Uint8Array>): boolean {
  for (const slice of slices) if (!isUtf8(slice)) return false;
  return true;
}

/** Bytes that are not all UTF-8, decoded a slice at a time (N bytes: at most N + 1 units). */
function* decodedParts(markdown: MarkdownBytes, partChars: number): Generator<string> {
  const slice = Math.max(1, partChars - 1);
  const decoder = new TextDecoder();
  let any = false;
  for (const bytes of markdown) {
    for (let at = 0; at < bytes.length; at += slice) {
      const text = decoder.decode(bytes.subarray(at, at + slice), { stream: true });
      if (text === '') continue;
      any = true;
      yield text;
    }
  }
  const rest = decoder.decode();
  if (rest !== '' || !any) yield rest;
}

/** A stored part's text. */
export function textOf(part: StoredPart): string {
  if (typeof part === 'string') return part;
  return Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('utf8');
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/** How many bytes the character a lead byte starts has (1 for anything that is not a lead). */
function charLength(lead: number): number {
  if (lead >= 0xf0 && lead <= 0xf7) return 4;
  if (lead >= 0xe0) return lead <= 0xef ? 3 : 1;
  return lead >= 0xc0 ? 2 : 1;
}

/**
 * The bytes, parts joined, in slices of at most `maxBytes` (or one character, if that is longer)
 * that each start and end between characters. N bytes of UTF-8 are at most N UTF-16 units, so a
 * slice is at most `maxBytes` characters. The parts are only viewed, never copied, unless a
 * character is cut between two: then the next part is copied behind its first bytes (the
 * renderer's parts end between lines, so a draft never pays for that).
 */
export function* utf8Slices(
  parts: MarkdownBytes,
  maxBytes: number,
): Generator<Uint8Array, void, undefined> {
  let carry: Uint8Array | null = null;
  for (const part of parts) {
    const bytes: Uint8Array = carry ? Buffer.concat([carry, part]) : part;
    const whole = completeLength(bytes);
    carry = whole < bytes.length ? bytes.slice(whole) : null;
    for (let at = 0; at < whole; ) {
      const end = sliceEnd(bytes, at, Math.min(whole, at + maxBytes), whole);
      yield bytes.subarray(at, end);
      at = end;
    }
  }
  // A document that ends inside a character: not UTF-8, which isUtf8 then tells.
  if (carry) yield carry;
}

/** `bytes`' length without a character begun at its end and not finished there. */
function completeLength(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back++) {
    const at = bytes.length - back;
    const byte = bytes[at] ?? 0;
    if (isContinuation(byte)) continue;
    return charLength(byte) > back ? at : bytes.length;
  }
  return bytes.length;
}

/** Where a slice from `at` ends at the latest by `end`: before a character `end` would cut. */
function sliceEnd(bytes: Uint8Array, at: number, end: number, limit: number): number {
  if (end >= limit || !isContinuation(bytes[end] ?? 0)) return end;
  for (let back = 1; back <= 3 && end - back >= at; back++) {
    const byte = bytes[end - back] ?? 0;
    if (isContinuation(byte)) continue;
    if (charLength(byte) <= back) return end;
    // The character begun there would be cut: end before it, or (a slice narrower than one
    // character) take it whole.
    return end - back > at ? end - back : Math.min(limit, at + charLength(byte));
  }
  return end;
}
