import { describe, expect, it } from 'vitest';
import type { PublicFeedEntry, PublicReport } from '../../src/usecases/public-reports.ts';
import { atomFeed, entryId, summaryText, xmlText } from '../../src/web/feed.ts';
import { xmlProblems } from '../helpers/well-formed-xml.ts';

const BASE = 'https://status.example.com';
const PUBLISHED = Date.UTC(2026, 10, 3, 16, 0);

function report(overrides: Partial<PublicReport> & { id: number }): PublicReport {
  return {
    title: 'Checkout errors',
    severity: 'sev2',
    declaredAt: Date.UTC(2026, 10, 3, 14, 5, 9),
    resolvedAt: Date.UTC(2026, 10, 3, 15, 0),
    publishedAt: PUBLISHED,
    category: 'deploy',
    services: ['checkout'],
    ...overrides,
  };
}

function feed(entries: PublicFeedEntry[], updated = PUBLISHED): string {
  return atomFeed({ baseUrl: BASE, entries, updated, timeZone: 'UTC' });
}

describe('xmlProblems (the test check itself)', () => {
  it('finds what breaks a feed', () => {
    expect(xmlProblems('<?xml version="1.0"?><a><b/></a>')).toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a><b></a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>1 < 2</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a b=c></a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a>\u0007</a>')).not.toEqual([]);
    expect(xmlProblems('<?xml version="1.0"?><a></a><a></a>')).not.toEqual([]);
  });
});

describe('atomFeed', () => {
  it('writes Atom 1.0: stable ids, absolute links, updated, newest first as given', () => {
    const xml = feed([
      { report: report({ id: 7 }), summary: 'Checkout failed for 29 minutes.' },
      { report: report({ id: 3, publishedAt: PUBLISHED - 86_400_000 }), summary: null },
    ]);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml).toContain('<id>urn:incident-scribe:reports</id>');
    expect(xml).toContain(`<updated>2026-11-03T16:00:00.000Z</updated>`);
    expect(xml).toContain(
      `<link rel="self" type="application/atom+xml" href="${BASE}/reports/feed.xml"/>`,
    );
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="${BASE}/reports"/>`);
    expect(xml).toContain('<author><name>incident-scribe</name></author>');
    const ids = [...xml.matchAll(/<entry>\s*<id>([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual([entryId(7), entryId(3)]);
    expect(entryId(7)).toBe('urn:incident-scribe:report:7');
    expect(xml).toContain(`<link rel="alternate" type="text/html" href="${BASE}/reports/7"/>`);
    expect(xml).toContain('<published>2026-11-03T16:00:00.000Z</published>');
    expect(xml).toContain('<category term="deploy"/>');
    expect(xml).toContain(
      '<summary type="text">SEV2 incident · services: checkout · category: deploy · declared 2026-11-03 14:05:09 UTC · resolved 2026-11-03 15:00:00 UTC.\n\nCheckout failed for 29 minutes.</summary>',
    );
  });

  it('is valid with no reports at all', () => {
    const xml = feed([], Date.UTC(2026, 10, 1));
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain('<entry>');
    expect(xml).toContain('<updated>2026-11-01T00:00:00.000Z</updated>');
  });

  it('escapes every text and drops characters XML cannot carry', () => {
    const hostile = `</title><script>alert(1)</script> & "quotes" 'too' ]]> \u0000\u0007\u001b\uFFFF\uD800 ok`;
    const xml = feed([
      {
        report: report({ id: 1, title: hostile, services: ['a&b', '<svc>'], category: 'x"y' }),
        summary: hostile,
      },
    ]);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('</title><');
    expect(xml).toContain(
      '&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;too&#39; ]]&gt;  ok',
    );
    expect(xml).toContain('<category term="x&quot;y"/>');
    expect(xml).toContain('services: a&amp;b, &lt;svc&gt;');
    expect(xmlText('\uD83D\uDE80 launch')).toBe('\uD83D\uDE80 launch');
  });

  it('says when a report is not resolved', () => {
    expect(
      summaryText(
        {
          report: report({ id: 1, resolvedAt: null, services: [], category: null }),
          summary: null,
        },
        'UTC',
      ),
    ).toBe('SEV2 incident · declared 2026-11-03 14:05:09 UTC · not resolved.');
  });
});
