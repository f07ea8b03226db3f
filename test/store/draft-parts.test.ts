import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { storedParts } from '../../src/store/draft-parts.ts';

// The parts a draft's Markdown is stored in: from text or from UTF-8 bytes cut anywhere, each
// part valid text of at most partChars characters, and joined they are the document.

const encoder = new TextEncoder();

function cutBytes(text: string, cuts: readonly number[]): Uint8Array<ArrayBuffer>[] {
  const bytes = encoder.encode(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    parts.push(bytes.slice(from, to));
    from = to;
  }
  return parts;
}

describe('storedParts', () => {
  it('decodes bytes cut anywhere into parts of at most partChars that join into the text', () => {
    const char = fc.constantFrom('a', 'é', '€', '📌', '\n', '&', '_');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 200 }).map((cs) => cs.join('')),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.integer({ min: 2, max: 40 }),
        (text, cuts, partChars) => {
          const parts = [...storedParts(cutBytes(text, cuts), partChars)];
          expect(parts.join('')).toBe(text);
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
    expect([...storedParts('', 8)]).toEqual(['']);
    expect([...storedParts([], 8)]).toEqual(['']);
    expect([...storedParts([new Uint8Array(0)], 8)]).toEqual(['']);
  });

  it('splits text as before (splitParts), never inside an emoji', () => {
    expect([...storedParts('ab📌cd', 3)]).toEqual(['ab', '📌c', 'd']);
  });
});
