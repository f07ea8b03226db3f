import { describe, expect, it } from 'vitest';
import { computeStats, type StatsRequest } from '../../../src/domain/stats/compute.ts';
import type { StatsIncident } from '../../../src/domain/stats/model.ts';
import { buildReview } from '../../../src/domain/stats/review.ts';
import { reviewLines } from '../../../src/domain/stats/review-text.ts';
import { csvField, toStatsCsv, toStatsJson } from '../../../src/domain/stats/stats-json.ts';
import { statsLines } from '../../../src/domain/stats/stats-text.ts';
import { MARKDOWN, MRKDWN } from '../../../src/domain/stats/text-style.ts';
import { anAction, anIncident, at } from '../builders.ts';

const DAY = 86_400_000;
const NOW = at(12, 0);

/** The stats row of the builders' incident, declared a day before NOW. */
function anEntry(overrides: Partial<StatsIncident> = {}): StatsIncident {
  const { id, channelId, channelName, title, severity } = anIncident();
  return {
    id,
    channelId,
    channelName,
    title,
    severity,
    isPrivate: false,
    declaredAt: NOW - DAY,
    ttdMs: 60_000,
    ttmMs: 600_000,
    ttrMs: 3_600_000,
    detectedBy: 'monitoring',
    category: 'deploy',
    services: ['checkout'],
    alertNames: ['CheckoutLatencyHigh'],
    postmortemState: 'draft',
    followUps: [],
    ...overrides,
  };
}

const request = (overrides: Partial<StatsRequest> = {}): StatsRequest => ({
  window: '30d',
  since: NOW - 30 * DAY,
  until: NOW,
  service: null,
  now: NOW,
  timeZone: 'UTC',
  ...overrides,
});

describe('computeStats', () => {
  it('counts only incidents declared inside the window', () => {
    const stats = computeStats(
      [
        anEntry({ id: 1, declaredAt: NOW - 31 * DAY }),
        anEntry({ id: 2, declaredAt: NOW - 30 * DAY }),
        anEntry({ id: 3, declaredAt: NOW - 1, severity: 'sev1' }),
        anEntry({ id: 4, declaredAt: NOW }),
      ],
      request(),
    );
    expect(stats.incidents).toBe(2);
    expect(stats.bySeverity).toEqual({ sev1: 1, sev2: 1, sev3: 0, sev4: 0 });
  });

  it('summarises each metric over the incidents where it is known', () => {
    const stats = computeStats(
      [
        anEntry({ id: 1, ttmMs: 100, ttrMs: null }),
        anEntry({ id: 2, ttmMs: 300, ttrMs: null }),
        anEntry({ id: 3, ttmMs: null, ttrMs: 5 }),
      ],
      request(),
    );
    expect(stats.ttmMs).toEqual({ median: 200, p90: 300, n: 2 });
    expect(stats.ttrMs).toEqual({ median: 5, p90: 5, n: 1 });
    expect(stats.ttdMs.n).toBe(3);
  });

  it('groups by category (none set: uncategorized), service and who detected', () => {
    const stats = computeStats(
      [
        anEntry({ id: 1, category: null, detectedBy: 'customer', services: ['checkout', 'db'] }),
        anEntry({ id: 2, category: 'config', detectedBy: 'person', services: ['db'] }),
        anEntry({ id: 3 }),
      ],
      request(),
    );
    expect(stats.byCategory).toEqual({ config: 1, deploy: 1, uncategorized: 1 });
    expect(stats.byService).toEqual({ checkout: 2, db: 2 });
    expect(stats.detectedBy).toEqual({ monitoring: 1, person: 1, customer: 1 });
  });

  it('filters by service', () => {
    const stats = computeStats(
      [anEntry({ id: 1 }), anEntry({ id: 2, services: ['db'] })],
      request({ service: 'db' }),
    );
    expect(stats.incidents).toBe(1);
    expect(stats.service).toBe('db');
  });

  it('counts follow-ups, overdue by due date and done on time by the end of the due day', () => {
    const followUps = [
      anAction({ id: 1, status: 'open', dueDate: '2026-11-20' }),
      anAction({ id: 2, status: 'open', dueDate: '2026-11-21' }),
      anAction({
        id: 3,
        status: 'done',
        dueDate: '2026-11-20',
        closedAt: Date.UTC(2026, 10, 20, 23, 59),
      }),
      anAction({
        id: 4,
        status: 'done',
        dueDate: '2026-11-19',
        closedAt: Date.UTC(2026, 10, 20, 0, 1),
      }),
      anAction({ id: 5, status: 'done', dueDate: null, closedAt: NOW - 1 }),
      anAction({ id: 6, status: 'dropped', dueDate: '2026-11-01' }),
    ];
    const stats = computeStats([anEntry({ followUps })], request());
    expect(stats.followUps).toEqual({
      open: 2,
      done: 3,
      dropped: 1,
      overdue: 1,
      doneOnTime: 1,
      onTimeShare: 0.5,
    });
  });

  it('lists alerts seen in more than one incident, never a name only private incidents carry', () => {
    const stats = computeStats(
      [
        anEntry({ id: 1, alertNames: ['A', 'B', 'Secret'], isPrivate: true }),
        anEntry({ id: 2, alertNames: ['A', 'B'] }),
        anEntry({ id: 3, alertNames: ['A', 'C'] }),
        anEntry({ id: 4, alertNames: ['Secret'], isPrivate: true, services: ['vault'] }),
      ],
      request(),
    );
    expect(stats.recurringAlerts).toEqual([
      { name: 'A', incidents: 3 },
      { name: 'B', incidents: 2 },
    ]);
    expect(stats.byService).toEqual({ checkout: 3 });
    expect(stats.privateIncidents).toBe(2);
    expect(stats.incidents).toBe(4);
  });
});

describe('renderings', () => {
  const stats = computeStats(
    [
      anEntry({ id: 1, alertNames: ['=HYPERLINK("x")', 'Q,"x"'] }),
      anEntry({ id: 2, alertNames: ['=HYPERLINK("x")', 'Q,"x"'] }),
    ],
    request(),
  );

  it('writes the documented JSON shape', () => {
    const json = toStatsJson(stats);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'schema',
        'version',
        'since',
        'until',
        'incidents',
        'bySeverity',
        'byCategory',
        'byService',
        'ttdMs',
        'ttmMs',
        'ttrMs',
        'detectedBy',
        'followUps',
        'recurringAlerts',
      ]),
    );
    expect(json).toMatchObject({ schema: 'incident-scribe.stats', version: 1, incidents: 2 });
    expect(json.since).toBe(new Date(NOW - 30 * DAY).toISOString());
  });

  it('quotes CSV fields as RFC 4180 says and keeps formulas text', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    const csv = toStatsCsv(stats);
    expect(csv.startsWith('section,key,value\r\n')).toBe(true);
    expect(csv).toContain('recurring_alert,"\'=HYPERLINK(""x"")",2\r\n');
    expect(csv).toContain('recurring_alert,"Q,""x""",2\r\n');
    expect(csv).toContain('ttm_ms,median,600000\r\n');
  });

  it('never lets a stored name become Slack markup', () => {
    const marked = computeStats(
      [
        anEntry({ id: 1, alertNames: ['<!channel>'] }),
        anEntry({ id: 2, alertNames: ['<!channel>'] }),
      ],
      request(),
    );
    const text = statsLines(marked, MRKDWN, 'UTC').join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(statsLines(marked, MARKDOWN, 'UTC').join('\n')).toContain('**TTD**: median 1m');
  });
});

describe('buildReview', () => {
  const since = NOW - 7 * DAY;
  const review = buildReview({
    week: '2026-W47',
    since,
    until: NOW,
    now: NOW,
    timeZone: 'UTC',
    recent: [
      anEntry({ id: 1, declaredAt: since - 20 * DAY, postmortemState: 'published' }),
      anEntry({ id: 2, declaredAt: since + 1, title: 'Public one' }),
      anEntry({ id: 3, declaredAt: since + 2, title: 'Secret payroll leak', isPrivate: true }),
    ],
    drafts: [anEntry({ id: 9, declaredAt: since - 40 * DAY, title: 'Old draft' })],
    followUps: [
      anAction({ id: 1, createdAt: since + 5, status: 'open', dueDate: '2026-11-01' }),
      anAction({ id: 2, createdAt: since - DAY, status: 'done', closedAt: since + 5 }),
    ],
    matches: [],
  });

  it('lists the week’s incidents, hiding a private one’s title', () => {
    expect(review.incidents.map((i) => i.title)).toEqual(['Public one', null]);
    const text = reviewLines(review, MRKDWN, 'UTC').join('\n');
    expect(text).toContain('sev2 Public one in <#C0INC> · TTD 1m · TTM 10m · post-mortem draft');
    expect(text).toContain('an incident in a private channel');
    expect(text).not.toContain('Secret payroll');
    expect(text).toContain('Old draft');
  });

  it('counts follow-ups and what recurs with the week’s incidents over 90 days', () => {
    expect(review.followUps).toEqual({ created: 1, closed: 1, overdue: 1 });
    expect(review.recurringAlerts).toEqual([{ name: 'CheckoutLatencyHigh', incidents: 3 }]);
    expect(review.recurringServices).toEqual([{ name: 'checkout', incidents: 3 }]);
  });
});
