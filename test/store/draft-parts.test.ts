import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedParts, textOf, utf8Slices } from '../../src/store/draft-parts.ts';
import type { MarkdownBytes } from '../../src/usecases/draft-markdown.ts';

// The parts a draft's Markdown is stored in: from text or from UTF-8 bytes cut anywhere, each
// part valid text of at most partChars characters, and joined they are the document.

const encoder = new TextEncoder();

function cutAt(bytes: Uint8Array<ArrayBuffer>, cuts: readonly number[]): Uint8Array<ArrayBuffer>[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    parts.push(bytes.slice(from, to));
    from = to;
  }
  return parts;
}

function cutBytes(text: string, cuts: readonly number[]): Uint8Array<ArrayBuffer>[] {
  return cutAt(encoder.encode(text), cuts);
}

const joined = (parts: readonly Uint8Array[]) => Buffer.concat(parts);

/** The parts as the stores hold them: text. */
const partsAsText = (markdown: string | MarkdownBytes, partChars: number) =>
  Array.from(storedParts(markdown, partChars), textOf);

describe('storedParts', () => {
  it('decodes bytes cut anywhere into parts of at most partChars that join into the text', () => {
    const char = fc.constantFrom('a', 'é', '€', '📌', '\n', '&', '_');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 200 }).map((cs) => cs.join('')),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 2, max: 40 }),
        (text, cuts, partChars) => {
          const parts = partsAsText(cutBytes(text, cuts), partChars);
          expect(parts.join('')).toBe(text);
          // Valid UTF-8 goes to the database as bytes, never decoded on the way.
          const raw = [...storedParts(cutBytes(text, cuts), partChars)];
          if (text !== '') for (const part of raw) expect(part).toBeInstanceOf(Uint8Array);
          expect(parts.length).toBeGreaterThan(0);
          for (const part of parts) {
            expect(part.length).toBeLessThanOrEqual(partChars);
            expect(part).not.toContain('\uFFFD');
          }
        },
      ),
    );
  });

  it('keeps an empty document one empty part, from text and from bytes', () => {
    expect(partsAsText('', 8)).toEqual(['']);
    expect(partsAsText([], 8)).toEqual(['']);
    expect(partsAsText([new Uint8Array(0)], 8)).toEqual(['']);
  });

  it('splits text as before (splitParts), never inside an emoji', () => {
    expect(partsAsText('ab📌cd', 3)).toEqual(['ab', '📌c', 'd']);
  });

  it('reads any bytes, broken UTF-8 too, as TextDecoder reads them whole', () => {
    // Bytes a renderer would never send (stray continuation bytes, truncated and overlong
    // sequences, encoded surrogates) decode as before: U+FFFD where the decoder put one.
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0xff }),
      fc.constantFrom(0x41, 0x0a, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x93, 0x8c, 0x80),
    );
    fc.assert(
      fc.property(
        fc.array(byte, { maxLength: 120 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 2, max: 12 }),
        (values, cuts, partChars) => {
          const bytes = new Uint8Array(values);
          const parts = partsAsText(cutAt(bytes, cuts), partChars);
          expect(parts.join('')).toBe(new TextDecoder().decode(bytes));
          for (const part of parts) expect(part.length).toBeLessThanOrEqual(partChars);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hands valid UTF-8 on as bytes, each part whole characters, never decoding it', () => {
    const text = `${'a'.repeat(9)}📌${'é'.repeat(5)}€\n`.repeat(20);
    const parts = [...storedParts(cutBytes(text, [3, 10, 11, 50, 51, 52, 200]), 16)];
    for (const part of parts) {
      expect(part).toBeInstanceOf(Uint8Array);
      expect((part as Uint8Array).byteLength).toBeLessThanOrEqual(16);
      expect(new TextDecoder('utf-8', { fatal: true }).decode(part as Uint8Array)).not.toBe('');
    }
    expect(joined(parts as Uint8Array[]).toString('utf8')).toBe(text);
  });

  it('decodes bytes that are not UTF-8 as before, U+FFFD where the decoder puts one', () => {
    const valid = encoder.encode('ok\n');
    const parts = [...storedParts([valid, new Uint8Array([0x41, 0xff, 0x42])], 8)];
    expect(parts).toEqual(['ok\n', 'A\uFFFDB']);
    // A document that ends inside a character: the unfinished bytes read as one U+FFFD.
    const cut = encoder.encode('x📌').subarray(0, 3);
    expect(partsAsText([cut], 8)).toEqual(['x', '\uFFFD']);
  });

  it('slices between characters, carrying a character cut by a part boundary into the next', () => {
    const text = '€'.repeat(7) + '📌'.repeat(3);
    const slices = [...utf8Slices(cutBytes(text, [1, 2, 22]), 8)];
    expect(slices.map((s) => Buffer.from(s).toString('utf8'))).toEqual([
      '€€',
      '€€',
      '€€',
      '€',
      '📌📌',
      '📌',
    ]);
  });

  it('takes a character longer than the limit whole rather than cutting it', () => {
    expect(partsAsText([encoder.encode('a📌b')], 2)).toEqual(['a', '📌', 'b']);
    expect(partsAsText([encoder.encode('€€')], 2)).toEqual(['€', '€']);
  });
});
