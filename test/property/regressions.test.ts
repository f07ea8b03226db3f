import { describe, expect, it } from 'vitest';
import { interpretMessageEvent, type SlackMessageEvent } from '../../src/domain/message-event.ts';
import { publicRedactor } from '../../src/domain/postmortem/html-text.ts';
import { renderPostmortemMarkdown } from '../../src/domain/postmortem/markdown.ts';
import { mdCell, mdText } from '../../src/domain/postmortem/markdown-text.ts';
import { buildPostmortem } from '../../src/domain/postmortem/model.ts';
import { plainToSafeMrkdwn, slackToSafeMrkdwn } from '../../src/domain/slack-text.ts';
import { parseAlertmanager } from '../../src/domain/webhooks/alertmanager.ts';
import { aMessage, anAction, at } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { deepArray, deepRichText } from './arbitraries.ts';

// Each case here was found by a property in this folder; the example keeps it fixed.

const ZWSP = '\u200b';

describe('mentions in posts (slack-text)', () => {
  it('breaks `@here` in italics, where `_` is no word character', () => {
    expect(plainToSafeMrkdwn('_@here_ please')).toBe(`_@${ZWSP}here_ please`);
    expect(slackToSafeMrkdwn('_@channel_', new Map())).toBe(`_@${ZWSP}channel_`);
  });

  it('still leaves e-mail-like text alone', () => {
    expect(plainToSafeMrkdwn('ops@here.example')).toBe('ops@here.example');
  });

  it('breaks a broadcast word in a link label', () => {
    expect(slackToSafeMrkdwn('<https://example.com|@here>', new Map())).toBe(
      `<https://example.com|@${ZWSP}here>`,
    );
  });
});

describe('webhook bodies that made the parsers throw', () => {
  const firing = (labels: unknown) => ({ alerts: [{ status: 'firing', labels }] });

  it('a label value with a `toString` key is named, not stringified', () => {
    const result = parseAlertmanager(firing(JSON.parse('{"a":{"toString":1},"b":"x"}')));
    expect(result.ok && result.alerts[0]?.fingerprint).toBe('a=[object Object],b=x');
  });

  it('a deeply nested label value does not overflow the stack', () => {
    const result = parseAlertmanager(firing({ a: deepArray(50_000) }));
    expect(result.ok && result.alerts[0]?.fingerprint).toBe('a=[array]');
  });

  it('a deeply nested or huge `version` gets a short error', () => {
    expect(parseAlertmanager({ version: deepArray(50_000), alerts: [] })).toEqual({
      ok: false,
      error: 'unsupported Alertmanager webhook version an array (expected "4")',
    });
    const huge = parseAlertmanager({ version: 'v'.repeat(100_000), alerts: [] });
    expect(!huge.ok && huge.error.length).toBeLessThan(100);
  });
});

describe('message events with fields of the wrong type', () => {
  const base = { type: 'message', channel: 'C0INC', ts: '1800000000.000100', user: 'U0ALICE' };
  const interpret = (event: Record<string, unknown>) =>
    interpretMessageEvent(event as SlackMessageEvent);

  it('a non-string text counts as no text', () => {
    const change = interpret({ ...base, text: 5 });
    expect(change.kind === 'posted' && change.message.text).toBe('');
  });

  it('attachments that are not an array of objects are skipped', () => {
    const fromObject = interpret({ ...base, attachments: {} });
    expect(fromObject.kind).toBe('posted');
    const withNull = interpret({ ...base, bot_id: 'B1', attachments: [null, { title: 'Up' }] });
    expect(withNull.kind === 'posted' && withNull.message.text).toBe('Up');
  });

  it('a ts that is not a string is no ts', () => {
    expect(interpret({ ...base, ts: JSON.parse('{"toString":1}') })).toEqual({
      kind: 'ignored',
      reason: 'no ts',
    });
  });

  it('a non-string channel is no channel', () => {
    expect(interpret({ ...base, channel: 42 })).toEqual({ kind: 'ignored', reason: 'no channel' });
  });

  it('blocks nested beyond any real message are left out of alert detection', () => {
    const change = interpret({ ...base, bot_id: 'B1', blocks: deepRichText(20_000) });
    expect(change.kind).toBe('posted');
  });

  it('keeps the event as received for storage', () => {
    const event = { ...base, text: 5, extra: { kept: true } };
    const change = interpret(event);
    expect(change.kind === 'posted' && change.raw).toEqual(event);
  });
});

describe('Markdown draft escapes (markdown-text)', () => {
  it('a typed backslash cannot cancel the escape of `<`', () => {
    expect(mdText('\\<details>')).toBe('\\\\\\<details>');
    const doc = renderPostmortemMarkdown(
      buildPostmortem(
        checkoutIncident({
          messages: [aMessage({ postedAt: at(14, 10), text: '\\&lt;script&gt;x' })],
        }),
      ),
    );
    expect(doc).toContain('Alice: \\\\\\<script>x');
  });

  it('link and image syntax stays text', () => {
    expect(mdText('[x](javascript:alert(1))')).toBe('[x\\](javascript:alert(1))');
    expect(mdText('![](https://t.example/p.gif)')).toBe('![\\](https://t.example/p.gif)');
    expect(mdText('[ref]: javascript:alert(1)')).toBe('[ref\\]: javascript:alert(1)');
    expect(mdText('ends with ]')).toBe('ends with \\]');
    expect(mdText('[FIRING:1] HighErrorRate')).toBe('[FIRING:1] HighErrorRate');
  });

  it('a table cell cannot start a spreadsheet formula', () => {
    expect(mdCell('=HYPERLINK("https://evil.example","x")')).toBe(
      `'=HYPERLINK("https://evil.example","x")`,
    );
    for (const start of ['+', '-', '@', '＝']) expect(mdCell(`${start}1`)).toBe(`'${start}1`);
    expect(mdCell('Rotate the key')).toBe('Rotate the key');
    const doc = renderPostmortemMarkdown(
      buildPostmortem(checkoutIncident({ actions: [anAction({ text: '=1+1' })] })),
    );
    expect(doc).toMatch(/\| 1 +\| '=1\+1 +\|/);
  });
});

describe('a public page that showed a known name (site-incident.property.test.ts)', () => {
  const hide = (name: string) => publicRedactor(new Map([[name, 'the incident lead']]));

  it('a name with a space at its edge or a doubled one is still found', () => {
    expect(hide('Zebediah ')('@Zebediah said so')).toBe('The incident lead said so');
    expect(hide(' Zebediah')('@ Zebediah said so')).toBe('The incident lead said so');
    expect(hide('Zeb  Ede')('ask Zeb Ede')).toBe('ask the incident lead');
  });

  it('a name holding a link is found once the link is removed', () => {
    const name = '<https://example.com/?a=1>Zebediah';
    expect(hide(name)(`by ${name}`)).not.toContain('Zebediah');
  });

  it('a mention followed by a letter or digit is still a mention', () => {
    expect(hide('Zebediah')('@Zebediah0 and @Zebediahs')).toBe(
      'The incident lead0 and the incident leads',
    );
    // Without `@` a name inside a longer word is another word.
    expect(hide('May')('Mayday')).toBe('Mayday');
  });
});
