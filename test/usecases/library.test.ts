import { describe, expect, it } from 'vitest';
import type { DetectionSource, Incident } from '../../src/domain/types.ts';
import { statsIncidentOf } from '../../src/usecases/incident-stats.ts';
import { libraryActions, listIncidents } from '../../src/usecases/library.ts';
import { ANY_INCIDENT, type IncidentQuery } from '../../src/usecases/library-port.ts';
import { at } from '../domain/builders.ts';
import { storedIncident, useMemoryStore } from '../helpers/store.ts';
import { addedAction } from '../store/contract/action-fixtures.ts';

// The incident library's list and follow-ups over a real (in-memory) SQLite store.

const DAY = 86_400_000;
const T = at(12, 0);

const ANY: IncidentQuery = ANY_INCIDENT;

describe('the incident library', () => {
  const mem = useMemoryStore();
  const deps = () => ({ store: mem.store });

  /** Incidents declared a day apart, the first the oldest. */
  async function declared(count: number, extra: (i: number) => Partial<Incident> = () => ({})) {
    const made: Incident[] = [];
    for (let i = 0; i < count; i++) {
      made.push(
        await storedIncident(mem.store, {
          channelId: `C0${i}`,
          channelName: `inc-${i}`,
          title: `Incident ${i}`,
          declaredAt: T - (count - i) * DAY,
          ...extra(i),
        }),
      );
    }
    return made;
  }

  /** What `/incident set detected …` records: who or what found it, and when. */
  function detectedBy(incident: Incident, source: DetectionSource) {
    mem.opened.sqlite
      .prepare(
        `insert into incident_events (incident_id, kind, at, actor_id, text, value_at)
         values (?, 'detected_set', ?, 'U0ALICE', ?, ?)`,
      )
      .run(incident.id, incident.declaredAt + 1, source, incident.declaredAt - 600_000);
  }

  const page = (
    query: Partial<IncidentQuery>,
    options: { detectedBy?: DetectionSource; page?: number; perPage?: number } = {},
  ) =>
    listIncidents(
      deps(),
      { ...ANY, ...query },
      {
        detectedBy: options.detectedBy ?? null,
        page: options.page ?? 1,
        perPage: options.perPage ?? 2,
      },
    );

  it('answers one page, newest first, with the numbers scribe stats counts and lead names', async () => {
    const [a, b, c] = await declared(3, (i) => ({
      leadId: ['U0AMY', 'U0NOBODY', null][i] ?? null,
    }));
    if (!a || !b || !c) throw new Error('not declared');
    detectedBy(b, 'customer');
    await mem.store.people.upsert({ id: 'U0AMY', name: 'Amy', tz: null }, T);

    const first = await page({});
    expect(first).toMatchObject({ total: 3, page: 1, pages: 2, perPage: 2 });
    expect(first.rows.map((r) => [r.incident.id, r.leadName])).toEqual([
      [c.id, null],
      [b.id, null],
    ]);
    const records = await mem.store.stats.declaredIn(null, T);
    const statsOf = (id: number) => {
      const record = records.find((r) => r.incident.id === id);
      if (!record) throw new Error(`no record of ${id}`);
      return statsIncidentOf(record);
    };
    expect(first.rows[1]?.stats).toEqual(statsOf(b.id));
    expect(first.rows[1]?.stats.detectedBy).toBe('customer');

    const second = await page({}, { page: 2 });
    expect(second).toMatchObject({ total: 3, page: 2, pages: 2 });
    expect(second.rows.map((r) => [r.incident.id, r.leadName, r.stats])).toEqual([
      [a.id, 'Amy', statsOf(a.id)],
    ]);
  });

  it('answers a page past the end empty, with the right total', async () => {
    await declared(3);
    expect(await page({}, { page: 7 })).toEqual({
      rows: [],
      total: 3,
      page: 7,
      pages: 2,
      perPage: 2,
    });
    expect(await page({ text: 'nothing matches this' })).toEqual({
      rows: [],
      total: 0,
      page: 1,
      pages: 1,
      perPage: 2,
    });
  });

  it('filters by how an incident was detected across every match, then pages', async () => {
    const made = await declared(7);
    const customers = [made[0], made[3], made[5]].filter((i) => i !== undefined);
    for (const incident of customers) detectedBy(incident, 'customer');

    const first = await page({}, { detectedBy: 'customer' });
    expect(first).toMatchObject({ total: 3, pages: 2 });
    expect(first.rows.map((r) => r.incident.id)).toEqual([made[5]?.id, made[3]?.id]);
    const second = await page({}, { detectedBy: 'customer', page: 2 });
    expect(second.rows.map((r) => [r.incident.id, r.stats.detectedBy])).toEqual([
      [made[0]?.id, 'customer'],
    ]);
    const people = await page({}, { detectedBy: 'person', perPage: 10 });
    expect(people.total).toBe(4);
    expect(people.rows.every((r) => r.stats.detectedBy === 'person')).toBe(true);
    expect((await page({}, { detectedBy: 'monitoring' })).total).toBe(0);
  });

  it('leaves out private incidents but for their members, from the rows and the total', async () => {
    const [open, secret] = await declared(2);
    mem.opened.sqlite.prepare('update incidents set is_private = 1 where id = ?').run(secret?.id);
    expect((await page({})).rows.map((r) => r.incident.id)).toEqual([open?.id]);
    expect((await page({})).total).toBe(1);
    const member = await page({ privateChannels: [secret?.channelId ?? ''] });
    expect(member.rows.map((r) => r.incident.id)).toEqual([secret?.id, open?.id]);
  });

  it('refuses a page or a page size below 1 or not whole, reading nothing', async () => {
    await declared(1);
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      await expect(page({}, { page: bad })).rejects.toThrow(/page must be a whole number/);
      await expect(page({}, { perPage: bad })).rejects.toThrow(/perPage must be a whole number/);
    }
  });

  it('lists the follow-ups a viewer may see: a private channel only to its members', async () => {
    const [open, secret] = await declared(2);
    mem.opened.sqlite.prepare('update incidents set is_private = 1 where id = ?').run(secret?.id);
    await addedAction(mem.store, 'Public work', {}, open?.channelId);
    await addedAction(mem.store, 'Secret work', {}, secret?.channelId);

    const outsider = await libraryActions(deps(), { privateChannels: new Set() });
    expect(outsider.map((a) => a.action.text)).toEqual(['Public work']);
    const member = await libraryActions(deps(), {
      privateChannels: new Set([secret?.channelId ?? '']),
    });
    expect(member.map((a) => [a.action.text, a.incident.id])).toEqual([
      ['Public work', open?.id],
      ['Secret work', secret?.id],
    ]);
  });
});
