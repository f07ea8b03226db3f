import { describe, expect, it } from 'vitest';
import { planImport } from '../../src/import/plan.ts';
import { readSlackExport } from '../../src/import/read-export.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { IMPORT_ACTOR, importIncident } from '../../src/usecases/import-incident.ts';
import { composeDraft } from '../../src/usecases/publish-draft.ts';
import { FIXTURE_DIR } from './export-fixture.ts';

const NOW = Date.UTC(2026, 3, 1, 12);
const clock = { now: () => NOW };

function fresh() {
  const opened = openDatabase(':memory:');
  return { opened, store: createStore(opened.db) };
}

const checkout = await readSlackExport(FIXTURE_DIR, 'inc-checkout');
const plan = () => planImport(checkout, { from: null, to: null }, 'Checkout');

describe('importIncident', () => {
  it('stores a resolved incident whose draft takes its times from the alerts and messages', async () => {
    const { store, opened } = fresh();
    const outcome = await importIncident(store, plan().request, NOW);
    if (!('incidentId' in outcome)) throw new Error(outcome.refused);
    const incident = await store.incidents.get(outcome.incidentId);
    expect(incident).toMatchObject({
      channelId: 'C0CHECKOUT',
      channelName: 'inc-checkout',
      title: 'Checkout',
      status: 'resolved',
      reporterId: 'U0ALICE',
      declaredAt: Date.parse('2026-03-12T13:55:02Z'),
      mitigatedAt: Date.parse('2026-03-12T14:31:20Z'),
      resolvedAt: Date.parse('2026-03-13T09:00:00Z'),
    });
    expect((await store.incidents.snapshot(outcome.incidentId))?.messages).toHaveLength(9);
    const draft = await composeDraft({ store, timeZone: 'UTC', clock }, outcome.incidentId);
    expect(draft?.metrics.detected).toMatchObject({
      at: Date.parse('2026-03-12T13:52:41Z'),
      source: 'alert',
    });
    expect(draft?.metrics.impactStart.at).toBe(Date.parse('2026-03-12T13:47:00Z'));
    expect(draft?.metrics.mitigated?.detail).toBe(
      'from the Slack export: every alert had resolved',
    );
    expect(draft?.metrics.resolved?.detail).toBe('from the Slack export: the last message');
    expect(draft?.participants).toEqual(['Alice Example', 'Bob Builder', 'Carol Danvers']);
    expect(draft?.timeline.some((e) => e.text.startsWith('Imported with scribe import'))).toBe(
      true,
    );
    opened.close();
  });

  it('says the detection came from the first report when no alert came first', async () => {
    const { store, opened } = fresh();
    const bounds = { from: Date.parse('2026-03-12T13:55:00Z'), to: null };
    const late = planImport(checkout, bounds, null);
    const outcome = await importIncident(store, late.request, NOW);
    if (!('incidentId' in outcome)) throw new Error(outcome.refused);
    const draft = await composeDraft({ store, timeZone: 'UTC', clock }, outcome.incidentId);
    expect(draft?.metrics.detected).toMatchObject({
      at: Date.parse('2026-03-12T13:55:02Z'),
      detail: 'from the Slack export: the first report by a person',
    });
    expect(draft?.metrics.detection.summary).toBe('Alice Example noticed it.');
    opened.close();
  });

  it('refuses a window already in the database, naming the incident, and writes nothing', async () => {
    const { store, opened } = fresh();
    const first = await importIncident(store, plan().request, NOW);
    expect(first).toEqual({ incidentId: 1 });
    const rows = () => opened.sqlite.prepare('select count(*) as n from messages').get();
    const before = rows();
    const again = await importIncident(store, plan().request, NOW);
    expect(again).toEqual({
      refused: expect.stringContaining(
        '#inc-checkout is already in the database for this window: incident 1 ("Checkout") holds 9 of its 9 messages',
      ),
    });
    expect(rows()).toEqual(before);
    expect(await store.incidents.get(2)).toBeNull();
    opened.close();
  });

  it('keeps the names the bot already fetched and adds only people it does not know', async () => {
    const { store, opened } = fresh();
    await store.people.upsert({ id: 'U0ALICE', name: 'Alice (from Slack)', tz: 'UTC' }, 1);
    await importIncident(store, plan().request, NOW);
    const people = await store.people.directory();
    expect(people.get('U0ALICE')).toBe('Alice (from Slack)');
    expect(people.get('U0BOB')).toBe('Bob Builder');
    expect(await store.people.timeZoneOf('U0CAROL')).toBe('Asia/Tokyo');
    expect(people.get(IMPORT_ACTOR.id)).toBe('scribe import');
    // Only people the incident names: the GitHub bot user never spoke in the window.
    expect(people.has('U0GITHUB')).toBe(false);
    opened.close();
  });
});
