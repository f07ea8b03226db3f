import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitParts } from '../../src/domain/text-parts.ts';

describe('splitParts', () => {
  const text = fc
    .array(fc.constantFrom('a', 'é', '📌', '🔥', '\ud83d', '\udccc', '\n', 'xyz'), {
      maxLength: 40,
    })
    .map((parts) => parts.join(''));

  it('joins back to the text, parts within the size, no emoji cut in half', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 9 }), (t, size) => {
        const parts = splitParts(t, size);
        expect(parts.join('')).toBe(t);
        for (const part of parts) {
          expect(part.length).toBeLessThanOrEqual(Math.max(2, size));
          if (t !== '') expect(part.length).toBeGreaterThan(0);
        }
        expect(Buffer.concat(parts.map((p) => Buffer.from(p)))).toEqual(Buffer.from(t));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps a short text whole', () => {
    expect(splitParts('', 4)).toEqual(['']);
    expect(splitParts('abcd', 4)).toEqual(['abcd']);
    expect(splitParts('abcde', 4)).toEqual(['abcd', 'e']);
  });
});
