import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentDescription } from '../../src/domain/description/types.ts';
import { renderPostmortemHtml } from '../../src/domain/postmortem/html.ts';
import { buildPostmortem, type PostmortemInput } from '../../src/domain/postmortem/model.ts';
import { buildTranscript } from '../../src/domain/postmortem/transcript.ts';
import { SEVERITIES } from '../../src/domain/types.ts';
import type { IncidentView } from '../../src/usecases/incident-view.ts';
import {
  CHART,
  chartRows,
  type IncidentChartInput,
  incidentChartSvg,
  type MarkerKind,
} from '../../src/web/charts/incident-chart.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import { incidentPage } from '../../src/web/views/incident-page.ts';
import { transcriptPage } from '../../src/web/views/incident-transcript.ts';
import { aMessage, anAction, anAlert, anIncident, at, occurrencesOf } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';
import { nastyText, settings, TIME_ZONES } from './arbitraries.ts';
import {
  expectSafeSiteMarkup,
  expectSafeSitePage,
  expectShown,
  expectWellFormedSvg,
} from './site-invariants.ts';

// One incident's page, its transcript and its chart, from an incident in which everything people
// and tools typed is hostile: the page keeps to its markup, the chart stays well-formed SVG, and
// the public HTML download names nobody the workspace knows.

const text = nastyText(10);
const IDS = ['U0ALICE', 'U0BOB', 'U0CAROL'] as const;
const userId = fc.constantFrom(...IDS);
const minute = fc.integer({ min: 0, max: 180 }).map((m) => at(13, 0) + m * 60_000);

const viewer: Viewer = {
  userId: 'U0ALICE',
  name: 'Alice',
  privateChannels: new Set(),
  csrfToken: 'token',
};

const message = fc
  .record({
    postedAt: minute,
    userId,
    text,
    deleted: fc.boolean(),
    edited: fc.boolean(),
    alert: fc.option(fc.record({ name: text, firing: fc.boolean() })),
  })
  .map(({ postedAt, userId: user, text: said, deleted, edited, alert }) =>
    alert === null
      ? aMessage({
          postedAt,
          userId: user,
          text: said,
          deleted,
          editedAt: edited ? postedAt : null,
        })
      : anAlert(
          { state: alert.firing ? 'firing' : 'resolved', title: alert.name, name: alert.name },
          { postedAt, botName: said, text: said },
        ),
  );

/** The checkout incident with people's words, names, alerts, tags and follow-ups all hostile. */
const incidentInput: fc.Arbitrary<{ input: PostmortemInput; typed: string[] }> = fc
  .record({
    title: text,
    names: fc.tuple(text, text, text),
    messages: fc.array(message, { maxLength: 6 }),
    actions: fc.array(fc.record({ text, ownerId: fc.option(userId), done: fc.boolean() }), {
      maxLength: 4,
    }),
    summary: text,
    category: fc.option(text),
    tags: fc.array(fc.tuple(fc.constantFrom('', 'service', 'team'), text), { maxLength: 3 }),
  })
  .map(({ title, names, messages, actions, summary, category, tags }) => {
    const base = checkoutIncident();
    const all = [...base.messages, ...messages]
      .sort((a, b) => a.postedAt - b.postedAt)
      .map((m, i) => ({
        ...m,
        ts: `${Math.floor(m.postedAt / 1000)}.${String(i).padStart(6, '0')}`,
      }));
    const description: IncidentDescription = {
      category,
      tags: tags.map(([key, value], i) => ({
        key,
        value,
        source: 'command' as const,
        addedBy: 'U0BOB',
        addedAt: at(14, i),
      })),
      purposes: new Map([[1, 'prevent' as const]]),
    };
    const input = checkoutIncident({
      incident: { ...base.incident, title },
      people: new Map(IDS.map((id, i) => [id, names[i] ?? id])),
      messages: all,
      alerts: occurrencesOf(all),
      actions: actions.map((a, i) =>
        anAction({ id: i + 1, text: a.text, ownerId: a.ownerId, status: a.done ? 'done' : 'open' }),
      ),
      sections: [{ kind: 'summary', text: summary, authorId: 'U0ALICE', at: at(15, 0) }],
      description,
      timeZone: 'Europe/London',
      generatedAt: at(16, 0),
    });
    const typed = [
      title,
      summary,
      ...(category === null ? [] : [category]),
      ...tags.map(([, value]) => value),
      ...messages.flatMap((m) => [m.text, m.alert?.title ?? '', m.alert?.name ?? '']),
      ...actions.map((a) => a.text),
    ];
    return { input, typed };
  });

const related = fc.array(
  fc.record({
    id: fc.integer({ min: 2, max: 10_000 }),
    title: text,
    reasons: fc.array(text, { maxLength: 3 }),
    ended: text,
    severity: fc.constantFrom(...SEVERITIES),
  }),
  { maxLength: 3 },
);

const issue = fc.record({
  url: fc.oneof(
    fc.constant('https://github.example/acme/platform/issues/42'),
    text.map((t) => `https://github.example/${t}`),
    text,
  ),
  state: fc.constantFrom('open', 'closed' as const),
  number: fc.integer({ min: 1, max: 99_999 }),
});

describe('an incident’s page, from hostile text', () => {
  it('keeps to its own markup (the chart well-formed SVG) and still shows what was written', () => {
    fc.assert(
      fc.property(
        incidentInput,
        related,
        fc.option(issue),
        fc.nat(3),
        ({ input }, links, exported, hidden) => {
          const draft = buildPostmortem(input);
          const view: IncidentView = {
            incident: input.incident,
            draft,
            issues: new Map(
              exported === null
                ? []
                : [[1, { actionId: 1, createdAt: at(16, 0), checkedAt: null, ...exported }]],
            ),
            related: links.map((r) => ({
              incident: anIncident({ id: r.id, severity: r.severity }),
              title: r.title,
              reasons: r.reasons,
              ended: r.ended,
            })),
            hiddenRelated: hidden,
          };
          const html = incidentPage(view, viewer);
          expectSafeSitePage(html, { externalLinks: true });
          expectShown(html, draft.title, 'the title');
          if (draft.category !== null) expectShown(html, draft.category, 'the category');
          for (const s of draft.services) expectShown(html, s, 'a service');
          for (const r of links) expectShown(html, r.title, 'a related incident');
          expect(html.match(/<svg[\s>]/g)).toHaveLength(1);
        },
      ),
      settings(1511, 40),
    );
  }, 60_000);

  it('its transcript keeps to its own markup and shows every message kept, escaped', () => {
    fc.assert(
      fc.property(incidentInput, ({ input }) => {
        const lines = buildTranscript(input.messages, input.people);
        const html = transcriptPage(
          { incident: input.incident, title: input.incident.title, lines },
          1,
          input.timeZone,
          viewer,
        );
        expectSafeSitePage(html);
        for (const line of lines) {
          expectShown(html, line.actor, 'who wrote');
          if (!line.deleted) expectShown(html, line.text, 'a message');
        }
      }),
      settings(1512, 80),
    );
  }, 60_000);

  it('the public HTML download names nobody the workspace knows, wherever they appear', () => {
    // Distinct core names inside hostile decoration: the core must never reach the page.
    const CORES = ['Zebediah', 'Philippa', 'Octavian'] as const;
    fc.assert(
      fc.property(
        incidentInput,
        fc.tuple(nastyText(2), nastyText(2)),
        ({ input, typed }, [before, after]) => {
          // A Slack name is one line: the decoration's line breaks become spaces.
          const line = (t: string) => t.replace(/[\r\n\u2028\u2029]/g, ' ');
          const people = new Map(
            IDS.map((id, i) => [id, `${line(before)}${CORES[i]}${line(after)}`]),
          );
          const mentions = IDS.map((id) => `<@${id}> said so`);
          const draft = buildPostmortem({
            ...input,
            people,
            incident: anIncident({ ...input.incident, leadId: 'U0CAROL' }),
            sections: [
              ...input.sections,
              ...mentions.map((m, i) => ({
                kind: 'learning' as const,
                text: m,
                authorId: IDS[i] ?? 'U0ALICE',
                at: at(15, 1),
              })),
            ],
          });
          const html = renderPostmortemHtml(draft, {
            public: true,
            knownNames: [...people.values()],
          });
          for (const core of CORES) expect(html).not.toContain(core);
          for (const id of IDS) {
            // A person's id shows only where someone typed it as plain words.
            if (!typed.some((t) => t.includes(id))) expect(html).not.toContain(id);
          }
        },
      ),
      settings(1513, 60),
    );
  }, 60_000);
});

const MARKER_KINDS: readonly MarkerKind[] = [
  'impact',
  'detected',
  'declared',
  'mitigated',
  'resolved',
];
const moment = fc.integer({ min: 0, max: 3 * 86_400_000 }).map((ms) => at(0, 0) + ms);

const chartInput: fc.Arbitrary<IncidentChartInput> = fc.record({
  title: text,
  timeZone: fc.constantFrom(...TIME_ZONES),
  now: moment,
  markers: fc.array(fc.record({ kind: fc.constantFrom(...MARKER_KINDS), at: moment }), {
    maxLength: 5,
  }),
  episodes: fc.array(
    fc.record({
      alert: fc.oneof(text, fc.constantFrom('HighErrorRate', 'x'.repeat(200))),
      firedAt: moment,
      resolvedAt: fc.option(moment),
    }),
    { maxLength: 30 },
  ),
});

describe('the incident chart, from hostile alert names and titles', () => {
  it('is well-formed SVG of our own elements, with every shown name in full as its tooltip', () => {
    fc.assert(
      fc.property(chartInput, (input) => {
        const svg = incidentChartSvg(input);
        expectWellFormedSvg(svg);
        expectSafeSiteMarkup(svg);
        expect(svg).toMatch(/^<svg [^>]*role="img"/);
        expectShown(svg, `Chart of the incident: ${input.title}`, 'the title');
        for (const row of chartRows(input.episodes).slice(0, CHART.maxRows)) {
          expectShown(svg, row.alert, 'an alert’s name');
        }
      }),
      settings(1514, 150),
    );
  }, 60_000);
});
