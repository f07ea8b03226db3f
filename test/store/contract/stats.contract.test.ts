import { describe, expect, it } from 'vitest';
import { at } from '../../domain/builders.ts';
import { addedAction } from './action-fixtures.ts';
import { ENGINES, freshEnginePerTest } from './engines.ts';
import { declaredAt, type SeedableStore, tagService } from './stats-seed.ts';

// StatsStore and ReviewStore on every engine: what the numbers and the weekly review read.

const DAY = 86_400_000;
const T = at(12, 0);

describe.each(ENGINES)('stats and reviews ($name)', (engine) => {
  let s: SeedableStore;
  freshEnginePerTest(engine, (opened) => {
    s = opened;
  });

  it('reads incidents declared in [since, until) with category, state, services and follow-ups', async () => {
    const old = await declaredAt(s.store, 'C0OLD', T - 40 * DAY);
    const a = await declaredAt(s.store, 'C0A', T - 10 * DAY, 'sev1');
    const b = await declaredAt(s.store, 'C0B', T - DAY);
    await declaredAt(s.store, 'C0LATE', T);
    await s.sql(
      `update incidents set category = 'deploy', postmortem_state = 'published' where id = $1`,
      [a.id],
    );
    await tagService(s, a.id, 'Checkout');
    await tagService(s, a.id, 'db', true);
    await tagService(s, b.id, 'payments');
    await addedAction(s.store, 'Add a canary', { kind: 'follow_up' }, 'C0A');
    await addedAction(s.store, 'Roll back', { kind: 'task' }, 'C0A');

    const records = await s.store.stats.declaredIn(T - 30 * DAY, T);
    expect(records.map((r) => r.incident.id)).toEqual([a.id, b.id]);
    const [first, second] = records;
    expect(first).toMatchObject({
      category: 'deploy',
      postmortemState: 'published',
      services: ['checkout'],
    });
    expect(first?.followUps.map((f) => f.text)).toEqual(['Add a canary']);
    expect(first?.events.map((e) => e.kind)).toContain('declared');
    expect(second).toMatchObject({
      category: null,
      postmortemState: 'draft',
      services: ['payments'],
    });
    expect((await s.store.stats.declaredIn(null, T)).map((r) => r.incident.id)).toEqual([
      old.id,
      a.id,
      b.id,
    ]);
  });

  it('lists resolved drafts and the services of public incidents only', async () => {
    const a = await declaredAt(s.store, 'C0A', T - DAY);
    const b = await declaredAt(s.store, 'C0B', T - DAY);
    await declaredAt(s.store, 'C0OPEN', T - DAY);
    await s.sql(`update incidents set status = 'resolved', resolved_at = $1 where id in ($2, $3)`, [
      T,
      a.id,
      b.id,
    ]);
    await s.sql(`update incidents set postmortem_state = 'skipped' where id = $1`, [b.id]);
    await s.sql(`update incidents set is_private = true where id = $1`, [b.id]);
    await tagService(s, a.id, 'checkout');
    await tagService(s, b.id, 'vault');
    expect((await s.store.stats.draftPostmortems()).map((r) => r.incident.id)).toEqual([a.id]);
    expect(await s.store.stats.knownServices()).toEqual(['checkout']);
  });

  it('reads follow-ups around a week, prevention matches and the posted week once', async () => {
    const a = await declaredAt(s.store, 'C0A', T - 30 * DAY);
    const open = await addedAction(
      s.store,
      'Open one',
      { kind: 'follow_up', createdAt: T - 30 * DAY },
      'C0A',
    );
    const closed = await addedAction(
      s.store,
      'Closed in the week',
      { kind: 'follow_up', createdAt: T - 30 * DAY, status: 'done', closedAt: T - DAY },
      'C0A',
    );
    await addedAction(
      s.store,
      'Closed long ago',
      { kind: 'follow_up', createdAt: T - 30 * DAY, status: 'done', closedAt: T - 20 * DAY },
      'C0A',
    );
    const b = await declaredAt(s.store, 'C0B', T - DAY);
    await s.sql(
      'insert into prevention_matches (incident_id, action_id, found_at) values ($1, $2, $3)',
      [b.id, open.id, T - DAY],
    );
    expect((await s.store.reviews.followUpsAround(T - 7 * DAY, T)).map((f) => f.id)).toEqual([
      open.id,
      closed.id,
    ]);
    const matches = await s.store.reviews.preventionMatches(T - 7 * DAY, T);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      incident: { id: b.id },
      action: { id: open.id },
      actionIncident: { id: a.id },
      foundAt: T - DAY,
    });

    expect(await s.store.reviews.posted('2026-W47')).toBeNull();
    const review = { week: '2026-W47', channelId: 'C0REVIEW', ts: '1.000100', postedAt: T };
    expect(await s.store.reviews.recordPosted(review)).toBe(true);
    expect(await s.store.reviews.recordPosted({ ...review, ts: '2.000100' })).toBe(false);
    expect(await s.store.reviews.posted('2026-W47')).toEqual(review);
  });
});
