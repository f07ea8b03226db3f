import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PostmortemState } from '../../src/domain/stats/model.ts';
import { SEVERITIES } from '../../src/domain/types.ts';
import { signedOutPage, signInFailedPage, signInPage } from '../../src/web/auth/pages.ts';
import { parseIncidentFilter } from '../../src/web/incident-filter.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import {
  type ActionRow,
  orderActions,
  parseActionFilter,
  renderActionsPage,
} from '../../src/web/views/actions-page.ts';
import { hrefWith } from '../../src/web/views/html.ts';
import { renderIncidentList } from '../../src/web/views/incident-list.ts';
import { page, type Section } from '../../src/web/views/layout.ts';
import { badCategoryPage, reportNotFoundPage } from '../../src/web/views/reports-list.ts';
import { anAction, anIncident, at } from '../domain/builders.ts';
import { nastyText, settings, TIME_ZONES } from './arbitraries.ts';
import { expectSafeSitePage, expectShown } from './site-invariants.ts';

// The team site's pages and the sign-in pages, fed hostile text wherever people or Slack supply
// it (titles, names, services, categories, typed filters): each page keeps to its own markup,
// closes what it opens, links only within the site, and still shows what was written, escaped.

const text = nastyText(8);
const userIdLike = fc.oneof(fc.constantFrom('U0ALICE', 'W0BOB', 'U024BE7LH'), nastyText(2));

const viewer: fc.Arbitrary<Viewer> = fc.record({
  userId: fc.option(userIdLike),
  name: text,
  privateChannels: fc.constant(new Set<string>()),
  csrfToken: text,
});

const PARAM_NAMES = [
  'q',
  'status',
  'severity',
  'service',
  'category',
  'tag',
  'lead',
  'detected',
  'from',
  'to',
  'per',
  'page',
  'owner',
  'state',
  'purpose',
  'kind',
] as const;

/** A query string as typed or crafted: known names with good, odd and hostile values. */
const params: fc.Arbitrary<URLSearchParams> = fc
  .array(
    fc.tuple(
      fc.constantFrom(...PARAM_NAMES),
      fc.oneof(
        fc.constantFrom(
          'declared',
          'sev2',
          'checkout',
          'deploy',
          'U0ALICE',
          'monitoring',
          '2026-03-01',
          '25',
          '2',
          'open',
          'prevent',
          'follow_up',
        ),
        text,
      ),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => new URLSearchParams(pairs));

const facets = fc.record({
  services: fc.array(text, { maxLength: 4 }),
  categories: fc.array(text, { maxLength: 4 }),
  tags: fc.array(text, { maxLength: 4 }),
  leads: fc.array(fc.record({ id: userIdLike, name: text }), { maxLength: 3 }),
});

const listRow = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    title: text,
    severity: fc.constantFrom(...SEVERITIES),
    status: fc.constantFrom('declared', 'mitigated', 'resolved' as const),
    services: fc.array(text, { maxLength: 3 }),
    category: fc.option(text),
    leadName: fc.option(text),
    ttdMs: fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 })),
    ttmMs: fc.option(fc.integer({ min: 0, max: 10 * 86_400_000 })),
    postmortemState: fc.constantFrom<PostmortemState>('draft', 'in_review', 'published', 'skipped'),
  })
  .map((r) => ({
    incident: anIncident({ id: r.id, title: r.title, severity: r.severity, status: r.status }),
    stats: {
      services: r.services,
      category: r.category,
      ttdMs: r.ttdMs,
      ttmMs: r.ttmMs,
      postmortemState: r.postmortemState,
    },
    leadName: r.leadName,
  }));

describe('the site’s pages, from hostile text', () => {
  it('the page frame shows a viewer’s name escaped, and a public page no one’s', () => {
    fc.assert(
      fc.property(
        viewer,
        text,
        fc.constantFrom<Section>('incidents', 'insights', 'actions', 'reports', 'none'),
        (who, title, section) => {
          const signedIn = page({ title, section, viewer: who, body: '<p>Body</p>' });
          expectSafeSitePage(signedIn);
          expectShown(signedIn, `Signed in as ${who.name}`, 'the viewer’s name');
          expectShown(signedIn, `${title} · incident-scribe`, 'the title');
          if (who.userId !== null) expectShown(signedIn, who.csrfToken, 'the CSRF token');
          const anonymous = page({ title, section, viewer: null, body: '<p>Body</p>' });
          expectSafeSitePage(anonymous);
          expect(anonymous).not.toContain('Signed in as');
          expect(anonymous).not.toContain('sign-out');
        },
      ),
      settings(1501, 150),
    );
  }, 30_000);

  it('/incidents keeps its markup whatever the filters typed and the incidents hold', () => {
    fc.assert(
      fc.property(
        viewer,
        params,
        facets,
        fc.array(listRow, { maxLength: 5 }),
        fc.constantFrom(...TIME_ZONES),
        fc.integer({ min: 1, max: 4 }),
        (who, typed, offered, rows, timeZone, pages) => {
          const parsed = parseIncidentFilter(typed, { timeZone });
          const html = renderIncidentList({
            viewer: who,
            timeZone,
            params: typed,
            facets: offered,
            result: parsed.ok
              ? {
                  filter: parsed.filter,
                  list: {
                    rows,
                    total: rows.length * pages,
                    page: Math.min(parsed.filter.page, pages),
                    pages,
                    perPage: Math.max(1, rows.length),
                  },
                }
              : { errors: parsed.errors },
          });
          expectSafeSitePage(html);
          for (const name of ['q', 'tag', 'from', 'to'] as const) {
            const value = typed.get(name)?.trim() ?? '';
            if (value !== '') expectShown(html, value, `typed ${name}`);
          }
          for (const s of [...offered.services, ...offered.categories]) {
            expectShown(html, s, 'an offered choice');
          }
          for (const lead of offered.leads) expectShown(html, lead.name, 'a lead’s name');
          if (!parsed.ok) return;
          for (const row of rows) {
            expectShown(html, row.incident.title, 'a title');
            if (row.leadName !== null) expectShown(html, row.leadName, 'a lead');
            if (row.stats.category !== null) expectShown(html, row.stats.category, 'a category');
            for (const s of row.stats.services) expectShown(html, s, 'a service');
          }
        },
      ),
      settings(1502, 120),
    );
  }, 60_000);

  it('/actions keeps its markup whatever the follow-ups, owners and filters say', () => {
    const actionRow: fc.Arbitrary<ActionRow> = fc
      .record({
        id: fc.integer({ min: 1, max: 10_000 }),
        text,
        title: text,
        ownerName: fc.option(text),
        status: fc.constantFrom('open', 'done', 'dropped' as const),
        kind: fc.constantFrom('task', 'follow_up' as const),
        dueDate: fc.option(fc.constantFrom('2026-01-05', '2026-11-02', '2027-02-01')),
        purpose: fc.option(fc.constantFrom('detect', 'mitigate', 'prevent' as const)),
      })
      .map((r) => ({
        action: anAction({
          id: r.id,
          text: r.text,
          status: r.status,
          kind: r.kind,
          dueDate: r.dueDate,
        }),
        incident: anIncident({ id: r.id, title: r.title }),
        purpose: r.purpose,
        ownerName: r.ownerName,
      }));
    fc.assert(
      fc.property(
        viewer,
        params,
        fc.array(fc.record({ id: userIdLike, name: text }), { maxLength: 3 }),
        fc.array(actionRow, { maxLength: 5 }),
        (who, typed, owners, rows) => {
          const parsed = parseActionFilter(typed);
          const html = renderActionsPage({
            viewer: who,
            timeZone: 'UTC',
            now: at(12, 0),
            params: typed,
            owners,
            result: parsed.ok
              ? { rows: orderActions(rows, '2026-11-03'), filtered: false }
              : { errors: parsed.errors },
          });
          expectSafeSitePage(html);
          for (const owner of owners) expectShown(html, owner.name, 'an owner offered');
          if (!parsed.ok) return;
          for (const row of rows) {
            expectShown(html, row.action.text, 'an action');
            expectShown(html, row.incident.title, 'its incident’s title');
            if (row.ownerName !== null) expectShown(html, row.ownerName, 'its owner');
          }
        },
      ),
      settings(1503, 120),
    );
  }, 60_000);

  it('the sign-in pages keep their markup and show no one, whatever the problem says', () => {
    fc.assert(
      fc.property(text, text, text, text, (problem, heading, detail, next) => {
        const authorize = hrefWith('https://slack.com/openid/connect/authorize', [
          ['state', next],
          ['redirect_uri', `https://scribe.example/auth/callback?${next}`],
        ]);
        const pages = [
          signInPage({ authorizeHref: authorize, problem }),
          signInPage({ authorizeHref: authorize }),
          signInFailedPage({ heading, detail, again: hrefWith('/auth/sign-in', [['next', next]]) }),
          signedOutPage(),
        ];
        for (const html of pages) {
          expectSafeSitePage(html, { externalLinks: true });
          expect(html).not.toContain('Signed in as');
        }
        if (problem !== '') expectShown(pages[0] ?? '', problem, 'the problem');
        expectShown(pages[2] ?? '', heading, 'the heading');
        expectShown(pages[2] ?? '', detail, 'the detail');
      }),
      settings(1504, 150),
    );
  }, 30_000);

  it('the public reports’ error pages keep their markup whatever category was asked for', () => {
    fc.assert(
      fc.property(text, (given) => {
        const html = badCategoryPage(given);
        expectSafeSitePage(html);
        expect(html).not.toContain('Signed in as');
      }),
      settings(1505, 150),
    );
    expectSafeSitePage(reportNotFoundPage());
  }, 30_000);
});

describe('the site checker itself', () => {
  const frame = (body: string) => page({ title: 't', section: 'none', viewer: null, body });

  it('refuses markup, attributes, links and unclosed elements that are not ours', () => {
    for (const body of [
      '<p><script>alert(1)</script></p>',
      '<p onclick="x">a</p>',
      '<a href="javascript:alert(1)">a</a>',
      '<a href="//evil.example/">a</a>',
      '<div><p>a</div>',
      '<p>a &amp b</p>',
      '<p title="a"b">c</p>',
      '<p>1 > 0</p>',
    ]) {
      expect(() => expectSafeSitePage(frame(body)), body).toThrow();
    }
    expect(() => expectSafeSitePage(frame('<p>plain &amp; fine</p>'))).not.toThrow();
  });
});
