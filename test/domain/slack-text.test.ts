import { describe, expect, it } from 'vitest';
import {
  condense,
  escapeMrkdwn,
  plainToSafeMrkdwn,
  plainToSafePlainText,
  slackToPlain,
  slackToSafeMrkdwn,
} from '../../src/domain/slack-text.ts';
import { people } from './builders.ts';

const ZWSP = '\u200B';

describe('slackToPlain', () => {
  it.each([
    ['<@U0BOB> can you look?', '@Bob can you look?'],
    ['<@U0NOBODY> can you look?', '@U0NOBODY can you look?'],
    ['<@U0NOBODY|dana> can you look?', '@dana can you look?'],
    ['<@U0BOB|bobby>', '@Bob'],
    ['see <#C0OPS|ops-alerts>', 'see #ops-alerts'],
    ['see <#C0OPS>', 'see #C0OPS'],
    ['paging <!subteam^S0ONCALL|@oncall>', 'paging @oncall'],
    ['paging <!subteam^S0ONCALL>', 'paging @S0ONCALL'],
    ['<!channel> deploy paused', '@channel deploy paused'],
    ['<!here> and <!everyone>', '@here and @everyone'],
    ['<!here|here> now', '@here now'],
    ['since <!date^1795615509^{date_short} {time}|Nov 21, 14:05>', 'since Nov 21, 14:05'],
    [
      '<https://grafana.example/d/1?a=1&amp;b=2|dashboard>',
      'dashboard (https://grafana.example/d/1?a=1&b=2)',
    ],
    ['<https://status.example>', 'https://status.example'],
    ['<https://status.example|status.example>', 'https://status.example'],
    ['mail <mailto:sre@example.com|sre@example.com>', 'mail sre@example.com'],
    ['mail <mailto:sre@example.com|the SREs>', 'mail the SREs (mailto:sre@example.com)'],
    ['a &lt;b&gt; &amp;&amp; c', 'a <b> && c'],
    ['&amp;lt; stays literal', '&lt; stays literal'],
    ['<something|odd>', 'odd'],
    ['<whatever>', 'whatever'],
    ['unclosed < bracket', 'unclosed < bracket'],
  ])('%s → %s', (text, expected) => {
    expect(slackToPlain(text, people)).toBe(expected);
  });
});

describe('slackToSafeMrkdwn', () => {
  it('turns user mentions into names that cannot notify', () => {
    expect(slackToSafeMrkdwn('<@U0BOB> and <@U0X|dana>', people)).toBe('@Bob and @dana');
  });

  it('breaks broadcasts with a zero-width space', () => {
    expect(slackToSafeMrkdwn('<!channel> <!here> <!everyone>', people)).toBe(
      `@${ZWSP}channel @${ZWSP}here @${ZWSP}everyone`,
    );
  });

  it('also breaks broadcast words typed as plain text, but not inside addresses', () => {
    expect(slackToSafeMrkdwn('hey @here, mail ops@here.example', people)).toBe(
      `hey @${ZWSP}here, mail ops@here.example`,
    );
  });

  it('turns groups and channels into plain text', () => {
    expect(slackToSafeMrkdwn('<!subteam^S0ONCALL|@oncall> in <#C0OPS|ops>', people)).toBe(
      '@oncall in #ops',
    );
  });

  it('keeps web and mail links as links', () => {
    expect(
      slackToSafeMrkdwn('<https://x.example/a?b=1&amp;c=2|graph> <https://y.example>', people),
    ).toBe('<https://x.example/a?b=1&amp;c=2|graph> <https://y.example>');
    expect(slackToSafeMrkdwn('<mailto:sre@example.com|SRE>', people)).toBe(
      '<mailto:sre@example.com|SRE>',
    );
  });

  it('neutralises any other control sequence', () => {
    expect(slackToSafeMrkdwn('<slack://open|open app> <!date^1|Nov 21>', people)).toBe(
      'open app Nov 21',
    );
  });

  it('keeps entities encoded and escapes stray characters', () => {
    expect(slackToSafeMrkdwn('a &lt;b&gt; & c > d < e', people)).toBe(
      'a &lt;b&gt; &amp; c &gt; d &lt; e',
    );
  });

  it('escapes names from the directory', () => {
    const odd = new Map([['U0ODD', 'Ann <Ops> & co']]);
    expect(slackToSafeMrkdwn('<@U0ODD>', odd)).toBe('@Ann &lt;Ops&gt; &amp; co');
  });

  it('never yields a mention sequence, whatever the input', () => {
    const nasty =
      '<!channel> <!here|here> <!everyone> <@U0BOB> <@U1|x> <!subteam^S1|@oncall> <<@U2>> ' +
      '&lt;!channel&gt; <!date^1^{date}|<!here>>';
    const out = slackToSafeMrkdwn(nasty, people);
    expect(out).not.toMatch(/<[@!#]/);
  });
});

describe('escapeMrkdwn', () => {
  it('escapes the three characters Slack reserves', () => {
    expect(escapeMrkdwn('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });
});

describe('plainToSafeMrkdwn', () => {
  it('escapes and breaks broadcast words in decoded text', () => {
    expect(plainToSafeMrkdwn('@channel <!here> & more')).toBe(
      `@${ZWSP}channel &lt;!here&gt; &amp; more`,
    );
  });
});

describe('condense', () => {
  it('collapses whitespace and newlines', () => {
    expect(condense('  one\n\n two\tthree  ', 100)).toBe('one two three');
  });

  it('cuts to the limit with an ellipsis', () => {
    const out = condense('abcdefghij', 5);
    expect(out).toBe('abcd…');
    expect(out).toHaveLength(5);
  });

  it('leaves text at the limit alone', () => {
    expect(condense('abcde', 5)).toBe('abcde');
  });

  it('does not split an emoji in half', () => {
    const out = condense('abc🔥def', 5);
    expect(out).toBe('abc…');
  });
});

describe('plainToSafePlainText', () => {
  it('keeps mention-like text from looking like a mention', () => {
    expect(plainToSafePlainText('<!here> & <@U1> @channel')).toBe(
      `<${ZWSP}!here> & <${ZWSP}@U1> @${ZWSP}channel`,
    );
  });
});
