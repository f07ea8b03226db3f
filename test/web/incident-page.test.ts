import { describe, expect, it } from 'vitest';
import { buildPostmortem } from '../../src/domain/postmortem/model.ts';
import { buildTranscript } from '../../src/domain/postmortem/transcript.ts';
import type { IncidentView } from '../../src/usecases/incident-view.ts';
import type { ActionIssue } from '../../src/usecases/store-records.ts';
import type { Viewer } from '../../src/web/viewer.ts';
import { incidentNotFoundPage, incidentPage } from '../../src/web/views/incident-page.ts';
import { FULL_TIMELINE_MAX } from '../../src/web/views/incident-sections.ts';
import { TRANSCRIPT_PAGE_SIZE, transcriptPage } from '../../src/web/views/incident-transcript.ts';
import { aMessage, anAction, anIncident, anOccurrence, at, people } from '../domain/builders.ts';
import { checkoutIncident } from '../domain/postmortem/fixture.ts';

const viewer: Viewer = {
  userId: 'U0ALICE',
  name: 'Alice',
  privateChannels: new Set(),
  csrfToken: 'csrf-token',
};

/** As Slack delivers hostile text: entity-encoded. */
const SLACK_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const SLACK_BREAK = '"&gt;&lt;img src=x onerror=alert(1)&gt;';

function issue(actionId: number, url: string): ActionIssue {
  return { actionId, number: 42, url, state: 'open', createdAt: at(16, 0), checkedAt: null };
}

function view(
  overrides: Partial<IncidentView> = {},
  draftInput = checkoutIncident(),
): IncidentView {
  const draft = buildPostmortem({
    ...draftInput,
    actions: [
      anAction({ id: 1, text: 'Add a canary stage', ownerId: 'U0CAROL', dueDate: '2026-12-01' }),
      anAction({ id: 2, text: 'Alert on pool size' }),
    ],
    timeZone: 'UTC',
    generatedAt: at(16, 0),
  });
  return {
    incident: draftInput.incident,
    draft,
    issues: new Map([[1, issue(1, 'https://github.example/acme/platform/issues/42')]]),
    related: [],
    hiddenRelated: 0,
    ...overrides,
  };
}

describe("an incident's page", () => {
  it('shows key times with their sources, and says TTD + TTM is the total', () => {
    const html = incidentPage(view(), viewer);
    const times = html.slice(
      html.indexOf('<section id="times"'),
      html.indexOf('<section id="chart"'),
    );
    for (const moment of [
      'Impact start',
      'Detected',
      'Declared',
      'Acknowledged',
      'Mitigated',
      'Resolved',
    ]) {
      expect(times).toContain(`<th scope="row">${moment}</th>`);
    }
    expect(times).toContain('first firing alert');
    expect(times).toContain('/incident start by Alice');
    expect(times).toContain('2026-11-21 14:05:00 UTC');
    expect(times).toContain('TTD + TTM = the total duration of impact');
    for (const metric of ['TTD', 'TTM', 'TTR', 'Total (TTD + TTM)']) {
      expect(times).toContain(`<th scope="row">${metric}</th>`);
    }
  });

  it('has the chart, with a table holding the same episodes and moments', () => {
    const html = incidentPage(view(), viewer);
    expect(html).toMatch(/<figure class="chart">\s*<svg [^>]*role="img"/);
    expect(html).toContain('<rect class="bar"');
    expect(html).toContain('class="marker marker-mitigated"');
    expect(html).toContain(
      "<caption>The chart's data: alert episodes and marked moments</caption>",
    );
    expect(html).toContain(
      'HighErrorRate (checkout prod) <span class="muted">(Alertmanager)</span>',
    );
    expect(html).toContain('<th scope="row">Marker: Resolved</th>');
  });

  it('shows the timeline with the transcript a link away', () => {
    const html = incidentPage(view(), viewer);
    const timeline = html.slice(
      html.indexOf('<section id="timeline"'),
      html.indexOf('<section id="actions"'),
    );
    expect(timeline).toContain('errors started right after the 4.2.0 deploy');
    expect(timeline).toContain('href="/incidents/1/transcript"');
  });

  it('shows only the key events of a long timeline, and says so', () => {
    const input = checkoutIncident();
    const chatter = Array.from({ length: FULL_TIMELINE_MAX + 1 }, (_, i) =>
      // Three minutes apart: messages closer together merge into one entry.
      aMessage({ postedAt: at(14, 20) + i * 180_000, userId: 'U0BOB', text: `chatter ${i}` }),
    );
    const html = incidentPage(
      view({}, { ...input, messages: [...input.messages, ...chatter] }),
      viewer,
    );
    const timeline = html.slice(
      html.indexOf('<section id="timeline"'),
      html.indexOf('<section id="actions"'),
    );
    expect(timeline).not.toContain('chatter');
    expect(timeline).toContain('key events');
    expect(timeline).toContain('Rolling back checkout to 4.1.9');
    expect(timeline).toContain('href="/incidents/1/transcript"');
  });

  it('lists action items with owner, due date, purpose, state and exported issue', () => {
    const html = incidentPage(view(), viewer);
    const actions = html.slice(
      html.indexOf('<section id="actions"'),
      html.indexOf('<section id="related"'),
    );
    expect(actions).toContain('Add a canary stage');
    expect(actions).toContain('Carol');
    expect(actions).toContain('<time datetime="2026-12-01">2026-12-01</time>');
    expect(actions).toContain(
      '<a href="https://github.example/acme/platform/issues/42" rel="noopener noreferrer">#42</a> (open)',
    );
  });

  it('never links an issue whose address is not http(s)', () => {
    const html = incidentPage(
      view({ issues: new Map([[1, issue(1, 'javascript:alert(1)')]]) }),
      viewer,
    );
    expect(html).not.toContain('javascript:alert(1)');
  });

  it('links the related incidents the viewer may see and only counts the others', () => {
    const related = anIncident({
      id: 7,
      title: 'Checkout slow',
      status: 'resolved',
      resolvedAt: at(15, 0),
    });
    const html = incidentPage(
      view({
        related: [
          {
            incident: related,
            title: 'Checkout slow',
            reasons: ['same alert `HighErrorRate`'],
            ended: 'resolved in 55m',
          },
        ],
        hiddenRelated: 1,
      }),
      viewer,
    );
    const section = html.slice(
      html.indexOf('<section id="related"'),
      html.indexOf('<section id="postmortem"'),
    );
    expect(section).toContain('<a href="/incidents/7">#7 Checkout slow</a>');
    expect(section).toContain('same alert <code>HighErrorRate</code>');
    expect(section).toContain('1 private incident you cannot see is related too.');
  });

  it("renders the draft's written sections under the page's own heading", () => {
    const input = checkoutIncident({
      sections: [
        {
          kind: 'summary',
          text: 'Checkout failed for 30 minutes.',
          authorId: 'U0BOB',
          at: at(15, 3),
        },
      ],
    });
    const html = incidentPage(view({}, input), viewer);
    const article = html.slice(
      html.indexOf('<article class="postmortem">'),
      html.indexOf('</article>'),
    );
    expect(article).toContain('<h3>Summary</h3>');
    expect(article).toContain('Checkout failed for 30 minutes.');
    expect(article).toContain('<h3>Root cause</h3>');
    expect(article).not.toContain('<h2');
  });

  it('offers the four downloads', () => {
    const html = incidentPage(view(), viewer);
    for (const file of ['postmortem.md', 'postmortem.json', 'postmortem.html', 'public.html']) {
      expect(html).toContain(`href="/incidents/1/download/${file}"`);
    }
  });

  it('escapes what people wrote everywhere on the page', () => {
    const input = checkoutIncident();
    const hostile = {
      ...input,
      incident: anIncident({ ...input.incident, title: `Outage ${SLACK_SCRIPT} ${SLACK_BREAK}` }),
      messages: [
        ...input.messages,
        aMessage({ postedAt: at(14, 20), userId: 'U0BOB', text: `see ${SLACK_BREAK}` }),
      ],
      alerts: [
        anOccurrence(
          { state: 'firing', title: `[FIRING:1] <script>x</script>`, name: '<script>x</script>' },
          at(14, 2),
        ),
      ],
      sections: [
        {
          kind: 'summary' as const,
          text: `It's ${SLACK_SCRIPT}`,
          authorId: 'U0BOB',
          at: at(15, 3),
        },
      ],
    };
    const page = view(
      {
        related: [
          {
            incident: anIncident({ id: 9 }),
            title: '<script>alert(2)</script>',
            reasons: ['same tag `<img src=x>`'],
            ended: 'still open',
          },
        ],
      },
      hostile,
    );
    const html = incidentPage(
      { ...page, draft: { ...page.draft, category: '<b>x</b>', services: ['<i>svc</i>'] } },
      viewer,
    );
    expect(html).not.toMatch(/<script|<img|<b>x|<i>svc/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers a missing incident with a page that says nothing about it', () => {
    const html = incidentNotFoundPage(viewer);
    expect(html).toContain('<h1>No such incident</h1>');
  });
});

describe("an incident's transcript", () => {
  const incident = anIncident({ title: `Long ${SLACK_SCRIPT}` });
  const messages = Array.from({ length: TRANSCRIPT_PAGE_SIZE * 2 + 10 }, (_, i) =>
    aMessage({ postedAt: at(14, 0) + i * 1000, userId: 'U0BOB', text: `line ${i} &lt;b&gt;` }),
  );
  const transcript = { incident, title: 'Long <script>', lines: buildTranscript(messages, people) };

  it('shows one page of messages at a time, with the way to the others', () => {
    const html = transcriptPage(transcript, 2, 'UTC', viewer);
    expect(html).toContain(
      `Messages ${TRANSCRIPT_PAGE_SIZE + 1}–${TRANSCRIPT_PAGE_SIZE * 2} of 1,010 messages`,
    );
    expect(html).toContain(`line ${TRANSCRIPT_PAGE_SIZE} &lt;b&gt;`);
    expect(html).not.toContain(`line ${TRANSCRIPT_PAGE_SIZE - 1} `);
    expect(html).not.toContain(`line ${TRANSCRIPT_PAGE_SIZE * 2} `);
    expect(html).toContain('href="/incidents/1/transcript?page=1" rel="prev"');
    expect(html).toContain('href="/incidents/1/transcript?page=3" rel="next"');
    expect(html).toContain('Page 2 of 3');
    expect(html).not.toContain('<script');
  });

  it('says so when nothing was recorded', () => {
    const html = transcriptPage({ ...transcript, lines: [] }, 1, 'UTC', viewer);
    expect(html).toContain('No messages were recorded.');
    expect(html).not.toContain('Page 1 of');
  });
});
