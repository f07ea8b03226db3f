import { describe, expect, it } from 'vitest';
import type { MessageChange } from '../../src/domain/message-event.ts';
import { aMessage, anIncident, at } from '../domain/builders.ts';
import { webhookAlert } from '../domain/webhooks/alert.ts';
import { storedIncident, useMemoryStore } from '../helpers/store.ts';

// The Store port's recording operations over SQLite (messages, webhook alerts, sections) and the
// draft's snapshot: what each stores once, and what nothing is written for.

const mem = useMemoryStore();

const posted = (ts: string): Extract<MessageChange, { kind: 'posted' }> => ({
  kind: 'posted',
  message: aMessage({ channelId: 'C0INC', ts }),
  raw: { ts },
});

describe('messages.recordEvent', () => {
  it('claims nothing and stores nothing in a channel without an open incident', async () => {
    const result = await mem.store.messages.recordEvent({
      channelId: 'C0INC',
      eventId: 'Ev1',
      change: posted('1.000100'),
      now: at(14, 0),
    });
    expect(result).toBe('no-incident');
    expect(mem.count('processed_events')).toBe(0);
    expect(mem.count('messages')).toBe(0);
  });

  it('stores once: a redelivered event id and a repeated (channel, ts) are duplicates', async () => {
    await storedIncident(mem.store);
    const record = (eventId: string) =>
      mem.store.messages.recordEvent({
        channelId: 'C0INC',
        eventId,
        change: posted('1.000100'),
        now: at(14, 10),
      });
    expect(await record('Ev1')).toBe('recorded');
    expect(await record('Ev1')).toBe('duplicate');
    expect(await record('Ev2')).toBe('duplicate');
    expect(mem.count('messages')).toBe(1);
  });
});

describe('messages.recordChanges', () => {
  it('applies a page of changes and says what each one did', async () => {
    const { id } = await storedIncident(mem.store);
    const deleted: MessageChange = {
      kind: 'deleted',
      channelId: 'C0INC',
      ts: '1.000100',
      at: at(14, 20),
    };
    const applied = await mem.store.messages.recordChanges(
      id,
      [posted('1.000100'), posted('1.000200'), posted('1.000100'), deleted],
      at(14, 30),
    );
    expect(applied).toEqual(['recorded', 'recorded', 'duplicate', 'deleted']);
    expect((await mem.store.incidents.snapshot(id))?.messages.map((m) => m.deleted)).toEqual([
      true,
      false,
    ]);
  });
});

describe('webhookAlerts.ingest and sections.addToLatest', () => {
  it('store nothing without an incident', async () => {
    const alert = webhookAlert();
    expect(
      await mem.store.webhookAlerts.ingest('C0INC', [{ alert, raw: {} }], at(14, 0)),
    ).toBeNull();
    const section = { kind: 'summary' as const, text: 's', authorId: 'U0A', at: at(14, 0) };
    expect(await mem.store.sections.addToLatest('C0INC', section)).toBeNull();
    expect(mem.count('webhook_alerts') + mem.count('sections')).toBe(0);
  });

  it('answers with the very alerts that were new', async () => {
    await storedIncident(mem.store);
    const first = webhookAlert();
    const second = webhookAlert({ fingerprint: 'fp2' });
    await mem.store.webhookAlerts.ingest('C0INC', [{ alert: first, raw: {} }], at(14, 0));
    const fresh = await mem.store.webhookAlerts.ingest(
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
    expect(await mem.store.incidents.snapshot(42)).toBeNull();
    const incident = await storedIncident(mem.store, anIncident({ id: 0, title: 'Snap' }));
    await mem.store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: null }, at(14, 0));
    await mem.store.messages.recordChanges(incident.id, [posted('1.000100')], at(14, 1));
    const snapshot = await mem.store.incidents.snapshot(incident.id);
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
