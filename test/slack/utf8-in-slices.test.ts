import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8InSlices } from '../../src/slack/upload.ts';

describe('utf8InSlices', () => {
  it('gives exactly the bytes of Buffer.from, whatever the slice size', async () => {
    // Emoji (surrogate pairs), lone surrogates, accents and ASCII, cut at every possible place.
    const text = fc
      .array(fc.constantFrom('a', 'é', '📌', '🔥', '\ud83d', '\udccc', '\n', 'xyz'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (t, slice) => {
        expect(Buffer.concat(await utf8InSlices(t, slice))).toEqual(Buffer.from(t, 'utf8'));
      }),
      { numRuns: 1000 },
    );
  });

  it('encodes a large text in several slices to the same bytes', async () => {
    const text = '📌 deploy rolled back &amp; p99 fine\n'.repeat(50_000);
    const parts = await utf8InSlices(text, 100_000);
    expect(parts.length).toBeGreaterThan(1);
    expect(Buffer.concat(parts).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
