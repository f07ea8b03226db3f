import { splitParts } from '../domain/text-parts.ts';
import type { MarkdownBytes } from '../usecases/draft-markdown.ts';

/**
 * A draft's Markdown as the text parts it is stored in, of at most `partChars` characters each
 * and never one that splits a character. Bytes are decoded a part at a time, so a long draft
 * never becomes one string here either.
 */
export function* storedParts(
  markdown: string | MarkdownBytes,
  partChars: number,
): Generator<string, void, undefined> {
  if (typeof markdown === 'string') {
    yield* splitParts(markdown, partChars);
    return;
  }
  // N bytes decode to at most N + 1 UTF-16 units (the decoder may finish a 4-byte character
  // begun in the slice before, two units for the one byte that ends it).
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
  // An empty document is still one (empty) part, as splitParts makes it: a draft has a document.
  if (rest !== '' || !any) yield rest;
}
