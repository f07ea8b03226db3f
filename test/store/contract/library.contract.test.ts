import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain/types.ts';
import { ANY_INCIDENT, type IncidentQuery } from '../../../src/usecases/library-port.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { addedAction } from './action-fixtures.ts';
import { ENGINES, freshEnginePerTest, type OpenedEngine } from './engines.ts';
import { deleted, edited, posted } from './incident-fixtures.ts';

// LibraryStore on both engines: the incident list's filters and full-text search in SQL, private
// incidents only for their channels' members, records in the order asked, actions, published
// post-mortems and the filter form's choices.

const DAY = 86_400_000;
const T = at(12, 0);

const ANY: IncidentQuery = ANY_INCIDENT;

describe.each(ENGINES)('incident library ($name)', (engine) => {
  let s: OpenedEngine;
  let store: Store;
  freshEnginePerTest(engine, (opened) => {
    s = opened;
    store = opened.store;
  });

  const declared = (channelId: string, daysAgo: number, extra: Partial<Incident> = {}) =>
    storedIncident(store, {
      channelId,
      channelName: channelId.toLowerCase(),
      title: `Incident in ${channelId}`,
      declaredAt: T - daysAgo * DAY,
      ...extra,
    });
  const tag = (incidentId: number, key: string, value: string, removed = false) =>
    s.sql(
      `insert into incident_tags (incident_id, key, value, source, added_at, removed_at)
       values ($1, $2, $3, 'person', 1, $4)`,
      [incidentId, key, value, removed ? 2 : null],
    );
  const matching = (query: Partial<IncidentQuery>) => store.library.matching({ ...ANY, ...query });

  it('lists every public incident, newest declared first and the higher id first on a tie', async () => {
    const old = await declared('C0OLD', 9);
    const a = await declared('C0A', 1);
    const b = await declared('C0B', 1);
    const newest = await declared('C0NEW', 0);
    expect(await matching({})).toEqual([newest.id, b.id, a.id, old.id]);
  });

  it('filters by status, severity, category, lead and declared range, all together', async () => {
    const a = await declared('C0A', 3, { severity: 'sev1', status: 'resolved', resolvedAt: T });
    const b = await declared('C0B', 2, { severity: 'sev2', status: 'mitigated', mitigatedAt: T });
    const c = await declared('C0C', 1, { severity: 'sev1', leadId: 'U0LEAD' });
    await s.sql(`update incidents set category = 'deploy' where id in ($1, $2)`, [a.id, c.id]);

    expect(await matching({ statuses: ['resolved', 'mitigated'] })).toEqual([b.id, a.id]);
    expect(await matching({ severities: ['sev1'] })).toEqual([c.id, a.id]);
    expect(await matching({ category: 'deploy' })).toEqual([c.id, a.id]);
    expect(await matching({ leadId: 'U0LEAD' })).toEqual([c.id]);
    // since inclusive, until exclusive.
    expect(await matching({ since: T - 2 * DAY, until: T - DAY })).toEqual([b.id]);
    expect(await matching({ severities: ['sev1'], category: 'deploy', since: T - DAY })).toEqual([
      c.id,
    ]);
    expect(await matching({ category: 'nothing-here' })).toEqual([]);
  });

  it('filters by a live service or tag, whatever its case, never a removed one', async () => {
    const a = await declared('C0A', 2);
    const b = await declared('C0B', 1);
    await tag(a.id, 'service', 'Checkout');
    await tag(b.id, 'service', 'checkout', true);
    await tag(b.id, '', 'flaky');
    await tag(a.id, 'region', 'eu-west-1');

    expect(await matching({ service: 'checkout' })).toEqual([a.id]);
    expect(await matching({ tag: { key: '', value: 'flaky' } })).toEqual([b.id]);
    expect(await matching({ tag: { key: 'region', value: 'eu-west-1' } })).toEqual([a.id]);
    // A free tag is not a keyed one of the same value.
    expect(await matching({ tag: { key: 'service', value: 'flaky' } })).toEqual([]);
  });

  it('shows a private incident only to the members of its channel', async () => {
    const open = await declared('C0PUB', 2);
    const secret = await declared('G0SECRET', 1);
    await s.sql('update incidents set is_private = true where id = $1', [secret.id]);
    await tag(secret.id, 'service', 'vault');
    await s.sql(`update incidents set category = 'security' where id = $1`, [secret.id]);

    expect(await matching({})).toEqual([open.id]);
    expect(await matching({ privateChannels: ['G0OTHER'] })).toEqual([open.id]);
    expect(await matching({ privateChannels: ['G0OTHER', 'G0SECRET'] })).toEqual([
      secret.id,
      open.id,
    ]);
    expect(await matching({ service: 'vault' })).toEqual([]);

    expect(await store.library.facets()).toEqual({
      services: [],
      categories: [],
      leads: [],
      tags: [],
    });
    expect(await store.library.facets(['G0SECRET'])).toMatchObject({
      services: ['vault'],
      categories: ['security'],
    });
  });

  describe('full-text search', () => {
    async function seeded() {
      const title = await declared('C0A', 3, { title: 'Disk full on the primary database' });
      const section = await declared('C0B', 2, { title: 'Checkout slow' });
      await store.sections.addToLatest('C0B', {
        kind: 'cause',
        text: 'A runaway cron job filled the replica',
        authorId: 'U0ALICE',
        at: T,
      });
      const chat = await declared('C0C', 1, { title: 'Payments failing' });
      await store.messages.recordChanges(
        chat.id,
        [
          posted('1.000100', { channelId: 'C0C', text: 'the certificate expired at midnight' }),
          posted('1.000200', { channelId: 'C0C', text: 'rotating the vault token now' }),
          posted('1.000300', { channelId: 'C0C', text: 'first guess: kafka lag' }),
        ],
        T,
      );
      return { title, section, chat };
    }

    it('finds words in titles, written sections and messages', async () => {
      const { title, section, chat } = await seeded();
      expect(await matching({ text: 'disk' })).toEqual([title.id]);
      expect(await matching({ text: 'cron' })).toEqual([section.id]);
      expect(await matching({ text: 'certificate' })).toEqual([chat.id]);
      // Words are stemmed alike on both engines: "expires" finds "expired".
      expect(await matching({ text: 'expires' })).toEqual([chat.id]);
      expect(await matching({ text: 'nowhere' })).toEqual([]);
    });

    it('needs every word, each anywhere in the incident, stop words aside', async () => {
      const { chat } = await seeded();
      expect(await matching({ text: 'payments certificate' })).toEqual([chat.id]);
      expect(await matching({ text: 'payments disk' })).toEqual([]);
      expect(await matching({ text: 'why did the certificate expire' })).toEqual([chat.id]);
    });

    it('combines the text with the other filters and privacy', async () => {
      const { chat } = await seeded();
      await s.sql('update incidents set is_private = true where id = $1', [chat.id]);
      expect(await matching({ text: 'certificate' })).toEqual([]);
      expect(await matching({ text: 'certificate', privateChannels: ['C0C'] })).toEqual([chat.id]);
      expect(
        await matching({ text: 'certificate', privateChannels: ['C0C'], severities: ['sev1'] }),
      ).toEqual([]);
    });

    it('leaves deleted messages out and follows edits', async () => {
      const { chat } = await seeded();
      await store.messages.recordChanges(
        chat.id,
        [
          deleted('1.000200', T + 1, 'C0C'),
          edited('1.000300', 'it was zookeeper', T + 2, { channelId: 'C0C' }),
        ],
        T + 3,
      );
      expect(await matching({ text: 'vault' })).toEqual([]);
      expect(await matching({ text: 'kafka' })).toEqual([]);
      expect(await matching({ text: 'zookeeper' })).toEqual([chat.id]);
    });

    it('reads what people type as plain words: no syntax gets through, nothing throws', async () => {
      const { title, chat } = await seeded();
      const everything = await matching({});
      for (const text of ['', '   ', '"', "'", '-', '*', '()', ':', '^', '***', '\u0000', '🔥']) {
        expect(await matching({ text }), JSON.stringify(text)).toEqual(everything);
      }
      expect(await matching({ text: '"disk' })).toEqual([title.id]);
      expect(await matching({ text: 'disk*' })).toEqual([title.id]);
      expect(await matching({ text: '-disk' })).toEqual([title.id]);
      expect(await matching({ text: 'title:disk' })).toEqual([]);
      expect(await matching({ text: 'NEAR(disk full)' })).toEqual([]);
      expect(await matching({ text: 'certificate OR disk' })).toEqual([]);
      expect(await matching({ text: "certificate's AND midnight" })).toEqual([chat.id]);
      expect(await matching({ text: 'disk NOT full' })).toEqual([title.id]);
      expect(await matching({ text: 'x'.repeat(5000) })).toEqual([]);
    });
  });

  it('reads records of the ids asked for, in their order, skipping unknown ones', async () => {
    const a = await declared('C0A', 2);
    const b = await declared('C0B', 1);
    await tag(a.id, 'service', 'checkout');
    await s.sql(`update incidents set category = 'deploy' where id = $1`, [a.id]);
    await addedAction(store, 'Add a canary', { kind: 'follow_up' }, 'C0A');

    const records = await store.library.records([b.id, 999, a.id]);
    expect(records.map((r) => r.incident.id)).toEqual([b.id, a.id]);
    // The very records the numbers read.
    const stats = await store.stats.declaredIn(null, T + DAY);
    expect(records[1]).toEqual(stats.find((r) => r.incident.id === a.id));
    expect(records[1]).toMatchObject({ category: 'deploy', services: ['checkout'] });
    expect(records[1]?.followUps.map((f) => f.text)).toEqual(['Add a canary']);
    expect(await store.library.records([])).toEqual([]);
  });

  it('lists every action with its incident and purpose, oldest first', async () => {
    const a = await declared('C0A', 2);
    await declared('C0B', 1);
    const first = await addedAction(store, 'Roll back', { createdAt: T - DAY }, 'C0B');
    const second = await addedAction(
      store,
      'Add a canary',
      { kind: 'follow_up', createdAt: T },
      'C0A',
    );
    await s.sql(`update actions set purpose = 'prevent' where id = $1`, [second.id]);

    const listed = await store.library.actions();
    expect(listed.map((l) => [l.action.id, l.incident.channelId, l.purpose])).toEqual([
      [first.id, 'C0B', null],
      [second.id, 'C0A', 'prevent'],
    ]);
    expect(listed[1]?.incident.id).toBe(a.id);
  });

  it('lists published post-mortems of public channels, newest published first', async () => {
    const a = await declared('C0A', 3);
    const b = await declared('C0B', 2);
    const secret = await declared('G0SECRET', 1);
    const draft = await declared('C0D', 1);
    const publish = (id: number, when: number) =>
      s.sql(
        `update incidents set postmortem_state = 'published', postmortem_state_at = $1 where id = $2`,
        [when, id],
      );
    await publish(a.id, T);
    await publish(b.id, T - DAY);
    await publish(secret.id, T);
    await s.sql('update incidents set is_private = true where id = $1', [secret.id]);
    await s.sql(`update incidents set category = 'capacity' where id = $1`, [a.id]);
    await tag(a.id, 'service', 'Ledger');
    await tag(a.id, 'service', 'api', true);
    await tag(draft.id, 'service', 'ledger');

    const published = await store.library.published();
    expect(published.map((p) => [p.incident.id, p.publishedAt, p.category, p.services])).toEqual([
      [a.id, T, 'capacity', ['ledger']],
      [b.id, T - DAY, null, []],
    ]);
  });

  it('reads one page, one category, one report or the recently active ones of the published', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const incident = await declared(`C0P${i}`, 10 - i);
      ids.push(incident.id);
      await s.sql(
        `update incidents set postmortem_state = 'published', postmortem_state_at = $1,
           category = $2, resolved_at = $3 where id = $4`,
        [T + i, i % 2 === 0 ? 'deploy' : null, T - (10 - i) * DAY, incident.id],
      );
      await tag(incident.id, 'service', i < 2 ? 'Ledger' : 'api');
    }
    const secret = await declared('G0SECRET', 1);
    await s.sql(
      `update incidents set postmortem_state = 'published', postmortem_state_at = $1,
         is_private = true, category = 'secret' where id = $2`,
      [T + 9, secret.id],
    );
    await tag(secret.id, 'service', 'vault');
    const idsOf = (list: Array<{ incident: Incident }>) => list.map((p) => p.incident.id);
    const newestFirst = [...ids].reverse();

    expect(idsOf(await store.library.published({ limit: 2 }))).toEqual(newestFirst.slice(0, 2));
    expect(idsOf(await store.library.published({ offset: 2, limit: 2 }))).toEqual(
      newestFirst.slice(2, 4),
    );
    expect(idsOf(await store.library.published({ offset: 4, limit: 2 }))).toEqual([ids[0]]);
    expect(idsOf(await store.library.published({ category: 'deploy' }))).toEqual([
      ids[4],
      ids[2],
      ids[0],
    ]);
    expect(idsOf(await store.library.published({ category: 'secret' }))).toEqual([]);
    expect(idsOf(await store.library.published({ id: ids[1] }))).toEqual([ids[1]]);
    expect(idsOf(await store.library.published({ id: secret.id }))).toEqual([]);
    // Resolved 7 and 6 days ago; the one resolved 8 days ago is before the window.
    expect(idsOf(await store.library.published({ activeSince: T - 7 * DAY }))).toEqual([
      ids[4],
      ids[3],
    ]);
    const [first] = await store.library.published({ id: ids[0] });
    expect(first?.services).toEqual(['ledger']);

    const facets = await store.library.publishedFacets();
    expect(facets.total).toBe(5);
    expect(
      [...facets.categories].sort((a, b) => (a.category ?? '').localeCompare(b.category ?? '')),
    ).toEqual([
      { category: null, reports: 2 },
      { category: 'deploy', reports: 3 },
    ]);
    expect(facets.services).toEqual(['api', 'ledger']);
  });

  it("reads published reports' summary sections, and nobody else's", async () => {
    const shown = await declared('C0S', 2);
    const draft = await declared('C0D', 1);
    const secret = await declared('G0SECRET', 1);
    for (const incident of [shown, secret]) {
      await s.sql(
        `update incidents set postmortem_state = 'published', postmortem_state_at = $1 where id = $2`,
        [T, incident.id],
      );
    }
    await s.sql('update incidents set is_private = true where id = $1', [secret.id]);
    for (const [channel, text, when] of [
      ['C0S', 'Second summary', T + 2],
      ['C0S', 'First summary', T + 1],
      ['C0D', 'A draft summary', T],
      ['G0SECRET', 'A secret summary', T],
    ] as const) {
      await store.sections.addToLatest(channel, {
        kind: 'summary',
        text,
        authorId: 'U0A',
        at: when,
      });
    }
    await store.sections.addToLatest('C0S', {
      kind: 'impact',
      text: 'Impact',
      authorId: 'U0A',
      at: T,
    });

    const summaries = await store.library.publishedSummaries([shown.id, draft.id, secret.id, 999]);
    expect([...summaries.keys()]).toEqual([shown.id]);
    expect(summaries.get(shown.id)?.map((x) => [x.kind, x.text, x.at])).toEqual([
      ['summary', 'First summary', T + 1],
      ['summary', 'Second summary', T + 2],
    ]);
    expect((await store.library.publishedSummaries([])).size).toBe(0);
  });

  it('offers the live services, categories, leads and tags in use, sorted', async () => {
    const a = await declared('C0A', 2, { leadId: 'U0ZED' });
    const b = await declared('C0B', 1, { leadId: 'U0AMY' });
    await tag(a.id, 'service', 'Payments');
    await tag(b.id, 'service', 'payments');
    await tag(b.id, 'service', 'auth');
    await tag(b.id, 'service', 'gone', true);
    await tag(a.id, '', 'flaky');
    await s.sql(`update incidents set category = 'deploy' where id = $1`, [b.id]);

    expect(await store.library.facets()).toEqual({
      services: ['auth', 'payments'],
      categories: ['deploy'],
      leads: ['U0AMY', 'U0ZED'],
      tags: ['flaky', 'service:auth', 'service:payments'],
    });
  });
});
