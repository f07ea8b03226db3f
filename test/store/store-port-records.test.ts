import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageChange } from '../../src/domain/message-event.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import type { Store } from '../../src/usecases/ports.ts';
import { aMessage, anIncident, at } from '../domain/builders.ts';
import { webhookAlert } from '../domain/webhooks/alert.ts';
import { storedIncident } from '../helpers/store.ts';

// The Store port's recording operations over SQLite (messages, webhook alerts, sections) and the
// draft's snapshot: what each stores once, and what nothing is written for.

let opened: OpenedDb;
let store: Store;

beforeEach(() => {
  opened = openDatabase(':memory:');
  store = createStore(opened.db);
});

afterEach(() => opened.close());

const count = (table: string) =>
  (opened.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const posted = (ts: string): Extract<MessageChange, { kind: 'posted' }> => ({
  kind: 'posted',
  message: aMessage({ channelId: 'C0INC', ts }),
  raw: { ts },
});

describe('messages.recordEvent', () => {
  it('claims nothing and stores nothing in a channel without an open incident', async () => {
    const result = await store.messages.recordEvent({
      channelId: 'C0INC',
      eventId: 'Ev1',
      change: posted('1.000100'),
      now: at(14, 0),
    });
    expect(result).toBe('no-incident');
    expect(count('processed_events')).toBe(0);
    expect(count('messages')).toBe(0);
  });

  it('stores once: a redelivered event id and a repeated (channel, ts) are duplicates', async () => {
    await storedIncident(store);
    const record = (eventId: string) =>
      store.messages.recordEvent({
        channelId: 'C0INC',
        eventId,
        change: posted('1.000100'),
        now: at(14, 10),
      });
    expect(await record('Ev1')).toBe('recorded');
    expect(await record('Ev1')).toBe('duplicate');
    expect(await record('Ev2')).toBe('duplicate');
    expect(count('messages')).toBe(1);
  });
});

describe('messages.recordChanges', () => {
  it('applies a page of changes and says what each one did', async () => {
    const { id } = await storedIncident(store);
    const deleted: MessageChange = {
      kind: 'deleted',
      channelId: 'C0INC',
      ts: '1.000100',
      at: at(14, 20),
    };
    const applied = await store.messages.recordChanges(
      id,
      [posted('1.000100'), posted('1.000200'), posted('1.000100'), deleted],
      at(14, 30),
    );
    expect(applied).toEqual(['recorded', 'recorded', 'duplicate', 'deleted']);
    expect((await store.incidents.snapshot(id))?.messages.map((m) => m.deleted)).toEqual([
      true,
      false,
    ]);
  });
});

describe('webhookAlerts.ingest and sections.addToLatest', () => {
  it('store nothing without an incident', async () => {
    const alert = webhookAlert();
    expect(await store.webhookAlerts.ingest('C0INC', [{ alert, raw: {} }], at(14, 0))).toBeNull();
    const section = { kind: 'summary' as const, text: 's', authorId: 'U0A', at: at(14, 0) };
    expect(await store.sections.addToLatest('C0INC', section)).toBeNull();
    expect(count('webhook_alerts') + count('sections')).toBe(0);
  });

  it('answers with the very alerts that were new', async () => {
    await storedIncident(store);
    const first = webhookAlert();
    const second = webhookAlert({ fingerprint: 'fp2' });
    await store.webhookAlerts.ingest('C0INC', [{ alert: first, raw: {} }], at(14, 0));
    const fresh = await store.webhookAlerts.ingest(
      'C0INC',
      [
        { alert: { ...first }, raw: {} },
        { alert: second, raw: {} },
      ],
      at(14, 1),
    );
    expect(fresh).toEqual([second]);
    expect(fresh?.[0]).toBe(second);
  });
});

describe('incidents.snapshot', () => {
  it('is null for an unknown incident and holds everything a draft reads', async () => {
    expect(await store.incidents.snapshot(42)).toBeNull();
    const incident = await storedIncident(store, anIncident({ id: 0, title: 'Snap' }));
    await store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: null }, at(14, 0));
    await store.messages.recordChanges(incident.id, [posted('1.000100')], at(14, 1));
    const snapshot = await store.incidents.snapshot(incident.id);
    expect(snapshot).toMatchObject({
      incident: { title: 'Snap' },
      events: [expect.objectContaining({ kind: 'declared' })],
      messages: [expect.objectContaining({ ts: '1.000100' })],
      actions: [],
      messageAlerts: [],
      webhookAlerts: [],
      sections: [],
    });
    expect(snapshot?.people.get('U0ALICE')).toBe('Alice');
  });
});
