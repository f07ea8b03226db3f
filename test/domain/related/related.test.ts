import { describe, expect, it } from 'vitest';
import { relatedPost } from '../../../src/domain/related/post.ts';
import {
  ordinal,
  parseReasons,
  rankRelated,
  recurrence,
  scoreCandidate,
} from '../../../src/domain/related/score.ts';
import { searchTerms } from '../../../src/domain/related/terms.ts';
import type { RelatedCandidate } from '../../../src/domain/related/types.ts';
import { followUpState, relatedView } from '../../../src/domain/related/view.ts';
import { anAction, anIncident, at, people } from '../builders.ts';

const DAY = 86_400_000;

function candidate(overrides: Partial<RelatedCandidate> & { id: number }): RelatedCandidate {
  const { id, ...rest } = overrides;
  return {
    incident: anIncident({ id, channelId: `C0PAST${id}`, declaredAt: at(10, 0) - id * DAY }),
    sharedAlerts: [],
    sharedTags: [],
    textRank: null,
    ...rest,
  };
}

describe('searchTerms', () => {
  it('keeps distinct significant words, without Slack markup, common words or numbers', () => {
    expect(
      searchTerms([
        'Checkout latency high <@U123> <!channel> <https://x.test|link> 500 errors',
        'checkout: DB pool exhausted; latency again',
      ]),
    ).toEqual(['checkout', 'latency', 'pool', 'exhausted']);
  });

  it('gives nothing for text without words, and at most 16 words', () => {
    expect(searchTerms(['<@U1> !! 42 -- a b', ''])).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `word${String.fromCharCode(97 + i)}`);
    expect(searchTerms([many.join(' ')])).toHaveLength(16);
  });
});

describe('scoring related incidents', () => {
  it('names why, strongest first: alerts, services, tags, then similar text', () => {
    const scored = scoreCandidate(
      candidate({
        id: 1,
        sharedAlerts: ['CheckoutLatencyHigh'],
        sharedTags: [
          { key: '', value: 'payments' },
          { key: 'service', value: 'checkout' },
        ],
        textRank: 1,
      }),
    );
    expect(scored?.reasons).toEqual([
      { kind: 'alert', name: 'CheckoutLatencyHigh' },
      { kind: 'service', name: 'checkout' },
      { kind: 'tag', key: '', value: 'payments' },
      { kind: 'text', rank: 1 },
    ]);
    expect(scored?.score).toBe(40 + 30 + 15 + 20);
  });

  it('relates nothing on a low text rank alone', () => {
    expect(scoreCandidate(candidate({ id: 1, textRank: 5 }))).toBeNull();
    expect(scoreCandidate(candidate({ id: 1 }))).toBeNull();
  });

  it('keeps the best three, ties broken by the newer declaration, then the higher id', () => {
    const ranked = rankRelated([
      candidate({ id: 1, textRank: 1 }),
      candidate({ id: 2, sharedAlerts: ['A'] }),
      candidate({ id: 3, sharedAlerts: ['A'] }),
      candidate({ id: 4, sharedAlerts: ['A'], sharedTags: [{ key: 'service', value: 's' }] }),
      {
        ...candidate({ id: 5, sharedAlerts: ['A'] }),
        incident: anIncident({ id: 5, declaredAt: at(10, 0) - 2 * DAY }),
      },
    ]);
    // 2 and 5 were declared at the same moment: the higher id goes first.
    expect(ranked.map((r) => r.incident.id)).toEqual([4, 5, 2]);
  });

  it('says how often an alert recurred, only when another incident had it', () => {
    expect(recurrence({ B: 3, A: 3, C: 1 })).toEqual({ alert: 'A', count: 3 });
    expect(recurrence({ A: 1 })).toBeNull();
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });

  it('reads stored reasons back, leaving out what it does not know', () => {
    expect(parseReasons('not json')).toEqual([]);
    expect(parseReasons('{"kind":"alert"}')).toEqual([]);
    expect(
      parseReasons('[{"kind":"alert","name":"A"},{"kind":"x"},{"kind":"text","rank":2}]'),
    ).toEqual([
      { kind: 'alert', name: 'A' },
      { kind: 'text', rank: 2 },
    ]);
  });
});

describe('follow-ups that could have prevented it', () => {
  const today = '2026-11-21';

  it('says how old and how overdue an open one is, or when it was dropped', () => {
    const open = anAction({ status: 'open', dueDate: '2026-11-09' });
    expect(followUpState(open, 40, today)).toBe(
      'open for 40 days, 12 days overdue (due 2026-11-09)',
    );
    expect(followUpState({ ...open, dueDate: today }, 1, today)).toBe('open for 1 day, due today');
    expect(followUpState({ ...open, dueDate: '2026-11-24' }, 0, today)).toBe(
      'open for 0 days, due in 3 days',
    );
    expect(followUpState({ ...open, dueDate: null }, 2, today)).toBe(
      'open for 2 days, no due date',
    );
    const dropped = { ...open, status: 'dropped' as const, dropReason: 'no time' };
    expect(followUpState(dropped, 3, today)).toBe('dropped after 3 days: no time');
  });
});

describe('the related-incidents post', () => {
  const current = anIncident({ id: 9, channelId: 'C0NOW', declaredAt: at(14, 0) });
  const past = anIncident({
    id: 2,
    channelId: 'C0PAST',
    title: 'Checkout slow <!channel>',
    declaredAt: at(14, 0) - 40 * DAY,
    resolvedAt: at(14, 0) - 40 * DAY + 80 * 60_000,
    status: 'resolved',
    isPrivate: false,
  });
  const secret = anIncident({
    id: 3,
    channelId: 'C0SECRET',
    title: 'Secret merger outage',
    isPrivate: true,
    declaredAt: at(14, 0) - 10 * DAY,
  });
  const action = anAction({
    id: 7,
    incidentId: 2,
    text: 'Add a latency SLO',
    ownerId: 'U0BOB',
    status: 'open',
    dueDate: '2026-10-20',
    createdAt: at(14, 0) - 40 * DAY,
  });
  const view = relatedView({
    current,
    relations: [
      { related: past, reasons: [{ kind: 'alert', name: 'CheckoutLatencyHigh' }], score: 40 },
      { related: secret, reasons: [{ kind: 'service', name: 'checkout' }], score: 30 },
    ],
    followUps: [
      { action, incident: past },
      { action: { ...action, id: 8, incidentId: 3, text: 'Merger detail' }, incident: secret },
    ],
    recurrence: { alert: 'CheckoutLatencyHigh', count: 3 },
    people,
    now: at(14, 0),
    timeZone: 'UTC',
  });

  it('names public incidents with reasons and ending, counts private ones, lists follow-ups', () => {
    const text = relatedPost(view, 'UTC');
    expect(text).toBe(
      [
        ':link: *Related past incidents*',
        // A broadcast typed into a title is broken, never posted live.
        '• <#C0PAST> *Checkout slow @\u200bchannel* (SEV2, 2026-10-12): same alert `CheckoutLatencyHigh`; resolved in 1h 20m.',
        '• 1 related incident in a private channel, not named here.',
        'This is the 3rd incident with alert `CheckoutLatencyHigh` in 90 days.',
        '',
        '*Open follow-ups that could have prevented this*',
        '• Add a latency SLO (from <#C0PAST>): Bob, open for 40 days, 32 days overdue (due 2026-10-20).',
        '• 1 more of incidents in private channels, not shown here.',
      ].join('\n'),
    );
    expect(text).not.toContain('Secret');
    expect(text).not.toContain('Merger');
  });

  it('names a private incident in its own channel', () => {
    const own = relatedView({
      current: { ...current, channelId: 'C0SECRET' },
      relations: [{ related: secret, reasons: [{ kind: 'text', rank: 1 }], score: 20 }],
      followUps: [],
      recurrence: null,
      people,
      now: at(14, 0),
      timeZone: 'UTC',
    });
    expect(own.related.map((r) => r.title)).toEqual(['Secret merger outage']);
    expect(own.related[0]?.reasons).toEqual(['similar title and description']);
    expect(own.related[0]?.ended).toBe('still open');
  });

  it('posts nothing when nothing is related', () => {
    const empty = { ...view, related: [], hidden: 0 };
    expect(relatedPost(empty, 'UTC')).toBeNull();
  });
});
