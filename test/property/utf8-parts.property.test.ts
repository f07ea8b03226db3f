import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSmall, PartsBuilder, TEXT_PARTS } from '../../src/domain/postmortem/markdown-parts.ts';
import { utf8PartMaker } from '../../src/usecases/draft-markdown.ts';
import { nastyText, settings } from './arbitraries.ts';

// The draft worker writes each line straight into UTF-8 bytes: whatever the lines hold (astral
// characters, lone surrogates, lines longer than a part), the bytes decode to the text parts.
// Small parts, and parts larger than the writer's batch (lines then wait in it until a slot or a
// seal, or until the batch fills).
const partSizes = fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constant(1 << 20));
const lines = fc.array(
  fc.oneof(nastyText(8), fc.constantFrom('🔥', '👀 é ß', ''), fc.string({ maxLength: 400 })),
  { maxLength: 40 },
);

describe('UTF-8 parts', () => {
  it('decode to exactly the text the same lines make as text parts', () => {
    fc.assert(
      fc.property(lines, lines, partSizes, (head, rest, partSize) => {
        const make = <P>(maker: { partSize: number } & Parameters<typeof joinSmall<P>>[1]) => {
          const first = new PartsBuilder(maker, true);
          first.lines(head);
          const next = new PartsBuilder(maker);
          next.lines(rest.slice(0, 5));
          const slot = next.slot();
          next.lines(rest.slice(5));
          slot.lines.push(...rest.slice(0, 3));
          return joinSmall([...first.done(), ...next.done()], maker);
        };
        const text = make({ ...TEXT_PARTS, partSize }).join('');
        const bytes = make({ ...utf8PartMaker(partSize), partSize });
        const decoder = new TextDecoder();
        expect(bytes.map((part) => decoder.decode(part, { stream: true })).join('')).toBe(
          new TextDecoder().decode(new TextEncoder().encode(text)),
        );
        // Each part its own buffer: each is transferred on its own.
        expect(new Set(bytes.map((part) => part.buffer)).size).toBe(bytes.length);
      }),
      settings(1505, 300),
    );
  });

  it('are sealed once they reach the size asked for, not the default', () => {
    const builder = new PartsBuilder(utf8PartMaker(1000), true);
    builder.lines(Array.from({ length: 100 }, () => 'x'.repeat(99)));
    const parts = builder.done();
    // ~10,000 bytes in lines of ~100: sealed at the line that reaches 1,000 bytes each time.
    expect(parts.length).toBe(10);
    for (const part of parts.slice(0, -1)) {
      expect(part.byteLength).toBeGreaterThanOrEqual(1000);
      expect(part.byteLength).toBeLessThan(1100);
    }
  });
});
