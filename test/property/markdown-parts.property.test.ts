import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  renderMarkdownParts,
  renderPostmortemMarkdown,
} from '../../src/domain/postmortem/markdown.ts';
import {
  buildPostmortem,
  buildPostmortemHead,
  type PostmortemInput,
} from '../../src/domain/postmortem/model.ts';
import { transcriptLines } from '../../src/domain/postmortem/transcript.ts';
import { aMessage, at } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { nastyText, settings } from './arbitraries.ts';

// Threads (replies under a recorded parent, under a missing one, late replies on another day),
// deletions, edits and text with astral characters: everything the transcript arranges.
const message = fc.record({
  minute: fc.integer({ min: 0, max: 60 * 30 }),
  text: fc.oneof(nastyText(6), fc.constantFrom('🔥 on fire', '👀', 'plain words')),
  userId: fc.constantFrom('U0ALICE', 'U0BOB', 'U0CAROL'),
  parent: fc.option(fc.integer({ min: 0, max: 12 })),
  deleted: fc.boolean(),
  edited: fc.boolean(),
});

const input: fc.Arbitrary<PostmortemInput> = fc.array(message, { maxLength: 14 }).map((drawn) => {
  const tsOf = (i: number) => `1763733600.${String(i).padStart(6, '0')}`;
  const messages = drawn.map((m, i) => {
    const postedAt = at(13, 0) + m.minute * 60_000;
    return aMessage({
      ts: tsOf(i),
      postedAt,
      threadTs: m.parent === null ? null : tsOf(m.parent),
      userId: m.userId,
      text: m.text,
      deleted: m.deleted,
      editedAt: m.edited ? postedAt : null,
    });
  });
  return checkoutIncident({ messages });
});

function streamed(draftInput: PostmortemInput, partChars: number): string[] {
  const draft = buildPostmortemHead(draftInput);
  const deleted = draftInput.messages.filter((m) => m.deleted).length;
  const lines = transcriptLines(draftInput.messages, draftInput.people);
  return [...renderMarkdownParts(draft, { lines, deleted }, partChars)];
}

describe('the Markdown rendered in parts, its transcript streamed from the messages', () => {
  it('joins into exactly the document rendered whole, whatever the part size', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 1, max: 400 }), (drawn, partChars) => {
        const whole = renderPostmortemMarkdown(buildPostmortem(drawn));
        const parts = streamed(drawn, partChars);
        expect(parts.join('')).toBe(whole);
        // Parts end between lines: none is short but the last, none splits a character.
        for (const part of parts.slice(0, -1)) {
          expect(part.length).toBeGreaterThanOrEqual(partChars);
          expect(/[\uD800-\uDBFF]$/.test(part)).toBe(false);
        }
      }),
      settings(1501, 200),
    );
  }, 60_000);

  it('the draft without its transcript is the whole draft but for the transcript', () => {
    fc.assert(
      fc.property(input, (drawn) => {
        expect(buildPostmortemHead(drawn)).toEqual({ ...buildPostmortem(drawn), transcript: [] });
      }),
      settings(1502, 100),
    );
  }, 60_000);
});
