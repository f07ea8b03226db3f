import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPostmortemHtml } from '../../src/domain/postmortem/html.ts';
import { buildPostmortem } from '../../src/domain/postmortem/model.ts';
import { serviceHistories } from '../../src/domain/service-history.ts';
import { SEVERITIES } from '../../src/domain/types.ts';
import type { PublicFeedEntry, PublicReport } from '../../src/usecases/public-reports.ts';
import { atomFeed } from '../../src/web/feed.ts';
import { reportsPage } from '../../src/web/views/reports-list.ts';
import { anIncident, at } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { xmlProblems } from '../helpers/well-formed-xml.ts';
import { nastyText, settings } from './arbitraries.ts';
import { expectSafeHtml } from './invariants.ts';

// The public reports hold only text people wrote, shown to the world: whatever that text is, the
// pages keep to their own markup and site links, and the feed stays well-formed XML.

const NOW = Date.UTC(2026, 10, 3, 12, 0);
const DAY = 86_400_000;

const report: fc.Arbitrary<PublicReport> = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    title: nastyText(12),
    severity: fc.constantFrom(...SEVERITIES),
    declaredAt: fc.integer({ min: NOW - 120 * DAY, max: NOW }),
    length: fc.option(fc.integer({ min: 0, max: 5 * DAY })),
    category: fc.option(nastyText(3)),
    services: fc.array(nastyText(3), { maxLength: 3 }),
  })
  .map(({ length, ...r }) => ({
    ...r,
    resolvedAt: length === null ? null : r.declaredAt + length,
    publishedAt: r.declaredAt + DAY,
  }));

const PAGE_TAGS = new Set(
  (
    'html head meta title link body a header main footer section nav div h1 h2 h3 p ul ol li ' +
    'span table caption thead tbody tr th td time br'
  ).split(' '),
);
const PAGE_ATTRIBUTES = new Set(
  (
    'lang charset name content rel href type title class id tabindex scope datetime ' +
    'aria-label aria-current aria-labelledby aria-hidden role'
  ).split(' '),
);

/** Only our tags and attributes; every link stays on the site; no text can open markup. */
function expectSafePage(html: string): void {
  const body = html.replace(/^<!doctype html>\n/, '');
  const TAG = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/g;
  let last = 0;
  for (const match of body.matchAll(TAG)) {
    expectText(body.slice(last, match.index));
    last = match.index + match[0].length;
    const [, , tag = '', attributes = ''] = match;
    expect(PAGE_TAGS.has(tag), `tag <${tag}>`).toBe(true);
    for (const [, name = '', value = ''] of attributes.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      expect(PAGE_ATTRIBUTES.has(name), `attribute ${name}`).toBe(true);
      expect(value).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/);
      if (name === 'href') expect(value).toMatch(/^(?:\/(?!\/)|#)[^\s"'<>`\\]*$/);
    }
  }
  expectText(body.slice(last));
}

function expectText(text: string): void {
  expect(text).not.toMatch(/[<>]/);
  expect(text).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/);
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the public reports, from hostile text', () => {
  it('/reports holds only its own markup and site links, by category too', () => {
    fc.assert(
      fc.property(fc.array(report, { maxLength: 6 }), fc.boolean(), (reports, byCategory) => {
        const category = byCategory ? (reports[0]?.category ?? null) : null;
        expectSafePage(
          reportsPage({
            reports: reports.filter((r) => category === null || r.category === category),
            total: reports.length,
            page: 1,
            pages: 1,
            counts: {
              total: reports.length,
              categories: reports.map((r) => ({ category: r.category, reports: 1 })),
              services: [],
            },
            category,
            histories: serviceHistories(reports, { now: NOW, timeZone: 'UTC' }),
            historyDays: 90,
            timeZone: 'UTC',
            now: NOW,
          }),
        );
      }),
      settings(1401, 40),
    );
  }, 60_000);

  it('the feed is well-formed XML and carries each title as given, less what XML cannot hold', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ report, summary: fc.option(nastyText(12)) }), { maxLength: 5 }),
        (entries: PublicFeedEntry[]) => {
          const xml = atomFeed({
            baseUrl: 'https://status.example',
            entries,
            updated: NOW,
            timeZone: 'UTC',
          });
          expect(xmlProblems(xml)).toEqual([]);
          const titles = [...xml.matchAll(/<title type="text">([^<]*)<\/title>/g)].map((m) =>
            decodeXml(m[1] ?? ''),
          );
          expect(titles).toEqual(
            entries.map((e) =>
              e.report.title.replace(
                /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
                '',
              ),
            ),
          );
        },
      ),
      settings(1402, 100),
    );
  }, 60_000);

  it('a report hides every known name, whatever the names and the title', () => {
    fc.assert(
      fc.property(
        nastyText(6),
        nastyText(6),
        fc.array(nastyText(3), { maxLength: 4 }),
        (before, after, names) => {
          const input = checkoutIncident();
          const draft = buildPostmortem({
            ...input,
            incident: anIncident({ ...input.incident, title: `${before} Zebediah ${after}` }),
            events: input.events.filter((e) => e.at < at(14, 20)),
          });
          const html = renderPostmortemHtml(draft, {
            public: true,
            knownNames: [...names, 'Zebediah'],
          });
          expectSafeHtml(html);
          expect(html).not.toContain('Zebediah');
        },
      ),
      settings(1403, 60),
    );
  }, 60_000);
});
