import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain/types.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import type { RelatedSearch } from '../../../src/usecases/related-records.ts';
import { aSignal, at } from '../../domain/builders.ts';
import { webhookAlert } from '../../domain/webhooks/alert.ts';
import { storedIncident } from '../../helpers/store.ts';
import { addedAction } from './action-fixtures.ts';
import { ENGINES, freshEnginePerTest, type OpenedEngine } from './engines.ts';
import { posted } from './incident-fixtures.ts';

// RelatedStore on both engines: candidates by shared alert (message or webhook), shared live tag
// and full-text rank (FTS5 / tsvector), alert counts in a window, relations posted once, and the
// prevention matches the draft and the weekly review read.

const DAY = 86_400_000;

describe.each(ENGINES)('related incidents ($name)', (engine) => {
  let opened: OpenedEngine;
  let store: Store;
  freshEnginePerTest(engine, (fresh) => {
    opened = fresh;
    store = fresh.store;
  });

  async function past(
    channelId: string,
    title: string,
    daysAgo: number,
    extra: Partial<Incident> = {},
  ): Promise<Incident> {
    const declaredAt = at(14, 0) - daysAgo * DAY;
    return storedIncident(store, {
      channelId,
      channelName: channelId.toLowerCase(),
      title,
      declaredAt,
      ...extra,
    });
  }

  async function resolvedPast(channelId: string, title: string, daysAgo: number) {
    const declaredAt = at(14, 0) - daysAgo * DAY;
    return past(channelId, title, daysAgo, {
      status: 'resolved',
      resolvedAt: declaredAt + 3_600_000,
    });
  }

  const messageAlert = (channelId: string, ts: string, name: string) =>
    posted(ts, {
      channelId,
      isBot: true,
      userId: null,
      botName: 'Alertmanager',
      alert: aSignal({ state: 'firing', name, title: `[FIRING:1] ${name}` }),
    });

  function search(current: Incident, overrides: Partial<RelatedSearch> = {}): RelatedSearch {
    return {
      incidentId: current.id,
      before: current.declaredAt,
      alertNames: [],
      tags: [],
      terms: [],
      countSince: current.declaredAt - 90 * DAY,
      textLimit: 10,
      ...overrides,
    };
  }

  it('profiles an incident by its alerts (messages and webhooks), live tags and sections', async () => {
    const now = await past('C0NOW', 'Checkout latency high', 0);
    await store.messages.recordChanges(now.id, [messageAlert('C0NOW', '1.1', 'Zeta')], at(14, 1));
    await store.webhookAlerts.ingest(
      'C0NOW',
      [{ alert: webhookAlert({ name: 'CheckoutLatencyHigh' }), raw: {} }],
      at(14, 2),
    );
    await opened.sql(
      `insert into incident_tags (incident_id, key, value, source, added_at, removed_at)
         values ($1, 'service', 'checkout', 'person', 1, null),
                ($2, 'service', 'gone', 'channel', 1, 2)`,
      [now.id, now.id],
    );
    await store.sections.addToLatest('C0NOW', {
      kind: 'cause',
      text: 'pool exhausted',
      authorId: 'U0ALICE',
      at: at(14, 3),
    });
    const profile = await store.related.profile(now.id);
    expect(profile?.incident.id).toBe(now.id);
    expect(profile?.alertNames).toEqual(['CheckoutLatencyHigh', 'Zeta']);
    expect(profile?.tags).toEqual([{ key: 'service', value: 'checkout' }]);
    expect(profile?.texts).toEqual(['pool exhausted']);
    expect(await store.related.profile(999)).toBeNull();
  });

  it('finds past incidents by shared alert and live tag, counting the alert in the window', async () => {
    const byMessage = await resolvedPast('C0A', 'Something else entirely', 30);
    await store.messages.recordChanges(
      byMessage.id,
      [messageAlert('C0A', '2.1', 'CheckoutLatencyHigh')],
      1,
    );
    const old = await resolvedPast('C0OLD', 'Long ago', 200);
    await store.messages.recordChanges(
      old.id,
      [messageAlert('C0OLD', '3.1', 'CheckoutLatencyHigh')],
      1,
    );
    const byWebhook = await past('C0B', 'Another thing', 10);
    await store.webhookAlerts.ingest(
      'C0B',
      [{ alert: webhookAlert({ name: 'CheckoutLatencyHigh' }), raw: {} }],
      1,
    );
    const byTag = await resolvedPast('C0C', 'Unrelated words', 5);
    const removedTag = await resolvedPast('C0D', 'More words', 4);
    await opened.sql(
      `insert into incident_tags (incident_id, key, value, source, added_at, removed_at)
         values ($1, 'service', 'checkout', 'alert:service', 1, null),
                ($2, 'service', 'checkout', 'person', 1, 2)`,
      [byTag.id, removedTag.id],
    );
    const now = await past('C0NOW', 'Now', 0);
    await store.webhookAlerts.ingest(
      'C0NOW',
      [{ alert: webhookAlert({ name: 'CheckoutLatencyHigh' }), raw: {} }],
      1,
    );
    // Declared after the current one: not a past incident.
    await past('C0LATER', 'Later', -1);

    const found = await store.related.candidates(
      search(now, {
        alertNames: ['CheckoutLatencyHigh'],
        tags: [{ key: 'service', value: 'checkout' }],
      }),
    );
    const byId = new Map(found.candidates.map((c) => [c.incident.id, c]));
    expect([...byId.keys()].sort((a, b) => a - b)).toEqual(
      [byMessage.id, old.id, byWebhook.id, byTag.id].sort((a, b) => a - b),
    );
    expect(byId.get(byMessage.id)?.sharedAlerts).toEqual(['CheckoutLatencyHigh']);
    expect(byId.get(byWebhook.id)?.sharedAlerts).toEqual(['CheckoutLatencyHigh']);
    expect(byId.get(byTag.id)?.sharedTags).toEqual([{ key: 'service', value: 'checkout' }]);
    expect(byId.get(byTag.id)?.sharedAlerts).toEqual([]);
    expect(byId.get(byMessage.id)?.incident.status).toBe('resolved');
    // This one, the one 30 days ago and the one 10 days ago; not the one 200 days ago.
    expect(found.alertIncidents).toEqual({ CheckoutLatencyHigh: 3 });
  });

  it('ranks text matches: more shared words first, titles and sections both searched', async () => {
    const both = await resolvedPast('C0A', 'Checkout latency spike', 20);
    const one = await resolvedPast('C0B', 'Checkout button misaligned', 10);
    const inSection = await resolvedPast('C0C', 'Payments degraded', 5);
    await store.sections.addToLatest('C0C', {
      kind: 'cause',
      text: 'database pool exhausted under load',
      authorId: 'U0ALICE',
      at: 1,
    });
    await resolvedPast('C0D', 'Nothing in common', 3);
    const now = await past('C0NOW', 'Checkout latency high', 0);

    const byTitle = await store.related.candidates(search(now, { terms: ['checkout', 'latency'] }));
    const ranks = new Map(byTitle.candidates.map((c) => [c.incident.id, c.textRank]));
    expect(ranks).toEqual(
      new Map([
        [both.id, 1],
        [one.id, 2],
      ]),
    );
    // Stemmed on both engines: "pools" finds "pool".
    const bySection = await store.related.candidates(search(now, { terms: ['pools'] }));
    expect(bySection.candidates.map((c) => [c.incident.id, c.textRank])).toEqual([
      [inSection.id, 1],
    ]);
    expect((await store.related.candidates(search(now))).candidates).toEqual([]);
  });

  it('records relations once posted, keeps prevention matches, and reads them for the draft', async () => {
    const a = await resolvedPast('C0A', 'A', 20);
    const open = await addedAction(store, 'Add an SLO', { ownerId: 'U0BOB' }, 'C0A');
    const dropped = await addedAction(
      store,
      'Load test',
      { status: 'dropped', dropReason: 'no time', closedAt: 5 },
      'C0A',
    );
    await addedAction(store, 'Done already', { status: 'done', closedAt: 5 }, 'C0A');
    const b = await resolvedPast('C0B', 'B', 10);
    const now = await past('C0NOW', 'Now', 0);

    const unfinished = await store.related.unfinishedActions([a.id, b.id]);
    expect(unfinished.map((f) => [f.action.id, f.incident.id])).toEqual([
      [open.id, a.id],
      [dropped.id, a.id],
    ]);
    expect(await store.related.unfinishedActions([])).toEqual([]);

    const first = await store.related.record(
      now.id,
      [
        { relatedId: a.id, reasons: [{ kind: 'alert', name: 'X' }], score: 40 },
        { relatedId: b.id, reasons: [{ kind: 'text', rank: 1 }], score: 20 },
      ],
      [open.id, dropped.id],
      at(14, 5),
    );
    expect(first).toEqual(
      new Map([
        [a.id, null],
        [b.id, null],
      ]),
    );
    await store.related.markPosted(now.id, [a.id], '9.000100');
    // Found again later with more reasons: the relation keeps its first post.
    const again = await store.related.record(
      now.id,
      [
        {
          relatedId: a.id,
          reasons: [
            { kind: 'alert', name: 'X' },
            { kind: 'service', name: 's' },
          ],
          score: 70,
        },
      ],
      [open.id],
      at(14, 9),
    );
    expect(again).toEqual(new Map([[a.id, '9.000100']]));
    await store.related.markPosted(now.id, [a.id, b.id], '9.000200');

    const stored = await store.related.of(now.id);
    expect(
      stored.relations.map((r) => [r.related.id, r.score, r.postedTs, r.foundAt, r.reasons]),
    ).toEqual([
      [
        a.id,
        70,
        '9.000100',
        at(14, 5),
        [
          { kind: 'alert', name: 'X' },
          { kind: 'service', name: 's' },
        ],
      ],
      [b.id, 20, '9.000200', at(14, 5), [{ kind: 'text', rank: 1 }]],
    ]);
    expect(stored.followUps.map((f) => [f.action.id, f.action.status, f.incident.id])).toEqual([
      [open.id, 'open', a.id],
      [dropped.id, 'dropped', a.id],
    ]);
    expect(await store.related.of(a.id)).toEqual({ relations: [], followUps: [] });
  });
});
