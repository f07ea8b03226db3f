import { describe, expect, it } from 'vitest';
import { parseUserMention, quote, visibleLength } from '../../../src/domain/commands/index.ts';

describe('parseUserMention', () => {
  it.each([
    ['<@U123ABC|alice>', 'U123ABC'],
    ['<@U123ABC>', 'U123ABC'],
    ['<@W0ENTERPRISE|Ann Lee>', 'W0ENTERPRISE'],
    [' <@U1> ', 'U1'],
  ])('reads the user id from %j', (token, id) => {
    expect(parseUserMention(token)).toBe(id);
  });

  it.each([
    '',
    '@alice',
    'U123',
    '<@U123',
    '<@u123>',
    '<@B123>',
    '<@>',
    '<#C123|general>',
    '<!here>',
    '<@U1|a> x',
    '&lt;@U1&gt;',
  ])('returns null for %j', (token) => {
    expect(parseUserMention(token)).toBeNull();
  });
});

describe('visibleLength', () => {
  it('counts Slack entities and astral characters as one character each', () => {
    expect(visibleLength('a &amp; b &lt;c&gt;')).toBe(9);
    expect(visibleLength('🔥👍🏽')).toBe(3);
  });
});

describe('quote', () => {
  it('wraps input in a code span, dropping backticks and control characters', () => {
    expect(quote('a`b\u0000c')).toBe('`abc`');
    expect(quote('``')).toBe('` `');
  });

  it('shortens long input', () => {
    expect(quote('y'.repeat(41))).toBe(`\`${'y'.repeat(40)}…\``);
  });
});
