import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatten, slackToPlain, slackToPlainByTokens } from '../../src/domain/slack-text.ts';
import { people } from './builders.ts';

// Pieces that make Slack text interesting: entities (whole, broken, unknown), control sequences
// (mentions, links, dates, broadcasts), stray brackets and ordinary words.
const piece = fc.oneof(
  fc.constantFrom(
    '&amp;',
    '&lt;',
    '&gt;',
    '&',
    '&amp',
    '&quot;',
    '<',
    '>',
    '<@U0BOB>',
    '<@U0NOBODY|dana>',
    '<#C0OPS|ops>',
    '<!here>',
    '<https://x.example/?a=1&amp;b=2|dash>',
    '<!date^1795615509^{time}|14:05>',
    ' ',
    '\n',
    '🔥',
  ),
  fc.string({ maxLength: 8 }),
);
const slackText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('slackToPlain shortcut', () => {
  it('answers exactly as the tokenising path, for any text', () => {
    fc.assert(
      fc.property(slackText, (text) => {
        expect(slackToPlain(text, people)).toBe(slackToPlainByTokens(text, people));
      }),
      { numRuns: 2000 },
    );
  });

  it('answers exactly as the tokenising path for text without control sequences', () => {
    const plain = fc
      .array(piece, { maxLength: 12 })
      .map((parts) => parts.join('').replace(/</g, ''));
    fc.assert(
      fc.property(plain, (text) => {
        expect(slackToPlain(text, people)).toBe(slackToPlainByTokens(text, people));
      }),
      { numRuns: 2000 },
    );
  });

  it('returns plain chat unchanged and decodes entities in text without controls', () => {
    expect(slackToPlain('deploy paused, rolling back', people)).toBe('deploy paused, rolling back');
    expect(slackToPlain('p99 &gt; 2s &amp; rising', people)).toBe('p99 > 2s & rising');
    expect(slackToPlain('', people)).toBe('');
  });
});

describe('flatten shortcut', () => {
  it('answers exactly as replacing every whitespace run and trimming, for any text', () => {
    const spaced = fc
      .array(
        fc.oneof(
          fc.constantFrom(' ', '  ', '\n', '\t', '\r\n', '\u00a0', '\u2003', '\u200b', '\ufeff'),
          fc.constantFrom('a', 'deploy', '🔥', 'é'),
          fc.string({ maxLength: 4 }),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(spaced, (text) => {
        expect(flatten(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 3000 },
    );
  });
});

describe('slackToPlain asked again', () => {
  it('answers from the directory it is given, not the one it was last asked with', () => {
    const text = 'ping <@U0BOB> about it';
    const renamed = new Map([['U0BOB', 'Robert']]);
    expect(slackToPlain(text, people)).toBe(slackToPlain(text, people));
    expect(slackToPlain(text, renamed)).toBe('ping @Robert about it');
    expect(slackToPlain(text, people)).toBe(slackToPlainByTokens(text, people));
    expect(slackToPlain(text, people)).not.toBe('ping @Robert about it');
  });
});
