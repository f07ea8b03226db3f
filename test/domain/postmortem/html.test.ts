import { describe, expect, it } from 'vitest';
import { renderPostmortemHtml } from '../../../src/domain/postmortem/html.ts';
import { buildPostmortem, type PostmortemDraft } from '../../../src/domain/postmortem/model.ts';
import { aMessage, anAction, anIncident, at } from '../builders.ts';
import { checkoutIncident } from './fixture.ts';

const SCRIPT = '<script>alert(1)</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>';
/** The same payloads as Slack delivers them: entity-encoded. */
const SLACK_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const SLACK_ATTRIBUTE_BREAK = '"&gt;&lt;img src=x onerror=alert(1)&gt;';

const privateHtml = (draft: PostmortemDraft) => renderPostmortemHtml(draft, { public: false });

function checkout(overrides: Parameters<typeof checkoutIncident>[0] = {}): PostmortemDraft {
  return buildPostmortem(
    checkoutIncident({
      sections: [
        {
          kind: 'summary',
          text: 'Checkout failed for 30 minutes.',
          authorId: 'U0BOB',
          at: at(15, 3),
        },
        { kind: 'impact', text: 'About 4% of orders failed.', authorId: 'U0BOB', at: at(15, 3) },
        { kind: 'cause', text: 'Pool size 0 in 4.2.0.', authorId: 'U0CAROL', at: at(15, 4) },
        { kind: 'learning', text: 'Canary first.', authorId: 'U0BOB', at: at(15, 5) },
      ],
      ...overrides,
    }),
  );
}

/** Hostile text everywhere a person can type: title, messages, a thread, actions, sections. */
function hostile(): PostmortemDraft {
  const input = checkoutIncident();
  const draft = buildPostmortem({
    ...input,
    incident: anIncident({ ...input.incident, title: `Outage ${SLACK_SCRIPT}` }),
    messages: [
      ...input.messages,
      aMessage({ postedAt: at(14, 20), userId: 'U0BOB', text: `see ${SLACK_ATTRIBUTE_BREAK}` }),
      aMessage({ postedAt: at(14, 21), userId: 'U0BOB', text: 'try javascript:alert(1) now' }),
      aMessage({ postedAt: at(14, 22), userId: 'U0BOB', text: '<javascript:alert(1)|click me>' }),
      aMessage({
        postedAt: at(14, 23),
        userId: 'U0BOB',
        text: 'data:text/html,&lt;b&gt;x&lt;/b&gt; R&amp;D',
      }),
      aMessage({
        postedAt: at(14, 24),
        userId: 'U0BOB',
        text: 'https://ok.example/"onmouseover="x',
      }),
    ],
    actions: [anAction({ id: 1, text: `Fix ${SLACK_SCRIPT} and ${SLACK_ATTRIBUTE_BREAK}` })],
    sections: [{ kind: 'summary', text: `It's ${SLACK_SCRIPT}`, authorId: 'U0BOB', at: at(15, 3) }],
  });
  return {
    ...draft,
    // Straight into the model too, in case some future path skips Slack decoding.
    learnings: [SCRIPT, ATTRIBUTE_BREAK],
    blameless: [{ where: SCRIPT, quote: ATTRIBUTE_BREAK, phrase: SCRIPT, suggestion: "'x'" }],
  };
}

describe('renderPostmortemHtml: a self-contained page', () => {
  it.each([false, true])('has charset, CSP and inline CSS only (public: %s)', (isPublic) => {
    const html = renderPostmortemHtml(checkout(), { public: isPublic });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    );
    expect(html).toMatch(/<style>[\s\S]+<\/style>/);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|\ssrc=|@import|url\(/i);
  });

  it('shows the summary box: title, severity, status, duration of impact, TTD and TTM', () => {
    const html = privateHtml(checkout());
    const box = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    expect(box).toContain('<h1>Post-mortem (draft): Checkout returns 500s</h1>');
    expect(box).toContain('<span class="badge sev2">sev2</span>');
    expect(box).toContain('<span class="badge">resolved</span>');
    expect(box).toMatch(/Duration of impact<\/dt><dd>29m /);
    expect(box).toContain('<dt>Time to detect (TTD)</dt><dd>0s</dd>');
    expect(box).toContain('<dt>Time to mitigate (TTM)</dt><dd>29m</dd>');
  });

  it('keeps the order of the Markdown draft', () => {
    const ids = [...privateHtml(checkout()).matchAll(/<section id="([a-z-]+)">/g)].map((m) => m[1]);
    expect(ids).toEqual([
      'summary',
      'key-times',
      'timeline',
      'response',
      'actions',
      'impact',
      'cause',
      'learnings',
      'transcript',
    ]);
  });

  it('shows every time with its zone', () => {
    const html = privateHtml(checkout({ timeZone: 'Europe/Berlin' }));
    expect(html).toContain(
      '<time datetime="2026-11-21T14:05:00.000Z">2026-11-21 15:05:00 GMT+1</time>',
    );
    expect(html).toContain('<time datetime="2026-11-21T14:06:00.000Z">15:06:00 GMT+1</time>');
    const labels = [...html.matchAll(/<time [^>]*>([^<]*)<\/time>/g)].map((m) => m[1]);
    expect(labels.length).toBeGreaterThan(20);
    for (const label of labels) expect(label).toMatch(/ GMT\+1$/);
  });

  it('marks what nobody wrote yet on the internal page', () => {
    const html = privateHtml(checkout({ sections: [] }));
    expect(html).toContain('Not written yet — add it with <code>/incident impact</code>.');
  });
});

describe('renderPostmortemHtml: user text is escaped', () => {
  it.each([false, true])('never lets a tag or an attribute through (public: %s)', (isPublic) => {
    const html = renderPostmortemHtml(hostile(), { public: isPublic });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
    expect(html).toContain('Outage &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Fix &lt;script&gt;alert(1)&lt;/script&gt; and &quot;&gt;&lt;img');
    expect(html).toContain('It&#39;s &lt;script&gt;');
  });

  it('escapes the title inside <title> as well', () => {
    expect(privateHtml(hostile())).toContain(
      '<title>Post-mortem (draft): Outage &lt;script&gt;alert(1)&lt;/script&gt;</title>',
    );
  });

  it('escapes messages, learnings and the blameless review', () => {
    const html = privateHtml(hostile());
    expect(html).toContain('see &quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<li><p>&lt;script&gt;alert(1)&lt;/script&gt;</p></li>');
    expect(html).toContain('<blockquote>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</blockquote>');
    expect(html).toContain('&#39;x&#39;');
  });

  it('escapes exactly once: Slack entities are decoded, then encoded for HTML', () => {
    const input = checkoutIncident();
    const html = privateHtml(
      buildPostmortem({
        ...input,
        messages: [aMessage({ postedAt: at(14, 20), text: 'R&amp;D said &amp;amp; is literal' })],
      }),
    );
    expect(html).toContain('R&amp;D said &amp;amp; is literal');
    expect(html).not.toContain('&amp;amp;amp;');
  });

  it('links only http(s) URLs, with rel="noopener noreferrer"', () => {
    const html = privateHtml(hostile());
    const anchors = [...html.matchAll(/<a\s[^>]*>/g)].map((m) => m[0]);
    expect(anchors.length).toBeGreaterThan(0);
    for (const a of anchors) {
      expect(a).toMatch(/^<a href="https?:\/\/[^"]*" rel="noopener noreferrer">$/);
    }
    expect(html).toContain('try javascript:alert(1) now');
    expect(html).toContain('data:text/html,&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toMatch(/href="(?:javascript|data):/i);
    expect(html).toContain(
      '<a href="https://grafana.example/d/checkout" rel="noopener noreferrer">https://grafana.example/d/checkout</a>',
    );
  });

  it('ends a URL at a quote, so it cannot add attributes to the link', () => {
    const html = privateHtml(hostile());
    expect(html).toContain(
      '<a href="https://ok.example/" rel="noopener noreferrer">https://ok.example/</a>&quot;onmouseover=&quot;x',
    );
  });
});
