import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNote, mitigate } from '../../src/domain/incident.ts';
import type { MessageChange } from '../../src/domain/message-event.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import type { NewAction, Store } from '../../src/usecases/ports.ts';
import { aMessage, anIncident, at } from '../domain/builders.ts';
import { webhookAlert } from '../domain/webhooks/alert.ts';
import { storedIncident } from '../helpers/store.ts';

// The Store port's atomic operations over SQLite: what each decide callback sees, what a refusal
// or a failure leaves behind (nothing), and what comes back.

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

function newAction(text: string): NewAction {
  const action = {
    text,
    ownerId: 'U0BOB',
    dueDate: null,
    createdBy: 'U0ALICE',
    createdAt: at(15, 0),
    status: 'open' as const,
    kind: 'follow_up' as const,
    priority: null,
    closedAt: null,
    closedBy: null,
    dropReason: null,
    sourceTs: null,
  };
  const event = {
    kind: 'action_added' as const,
    at: at(15, 0),
    actorId: 'U0ALICE',
    text,
    subjectId: null,
    valueAt: null,
  };
  return { action, event };
}

describe('incidents.open', () => {
  it('stores the incident with its declared event, and shows the next caller the open one', async () => {
    const first = await storedIncident(store);
    expect(await store.incidents.events(first.id)).toEqual([
      expect.objectContaining({ incidentId: first.id, kind: 'declared' }),
    ]);
    const seen: unknown[] = [];
    const second = await store.incidents.open('C0INC', (open) => {
      seen.push(open);
      return { refused: 'already open' };
    });
    expect(second).toEqual({ refused: 'already open' });
    expect(seen).toEqual([first]);
    expect(count('incidents')).toBe(1);
    expect(count('incident_events')).toBe(1);
  });
});

describe('incidents.change', () => {
  it('shows decide the open and the latest incident, and stores the change with its event', async () => {
    await storedIncident(store, {
      status: 'resolved',
      declaredAt: at(9, 0),
      resolvedAt: at(10, 0),
    });
    const open = await storedIncident(store);
    const changed = await store.incidents.change('C0INC', (found) => {
      expect(found).toEqual({ open, latest: open });
      return mitigate(open, 'rolled back', 'U0BOB', at(14, 30), null);
    });
    expect(changed).toMatchObject({
      incident: { id: open.id, status: 'mitigated' },
      before: { id: open.id, status: 'declared' },
    });
    expect(await store.incidents.get(open.id)).toMatchObject({ status: 'mitigated' });
    expect((await store.incidents.events(open.id)).map((e) => e.kind)).toEqual([
      'declared',
      'mitigated',
    ]);
  });

  it('writes nothing on a refusal', async () => {
    const open = await storedIncident(store);
    expect(await store.incidents.change('C0INC', () => ({ refused: 'no' }))).toEqual({
      refused: 'no',
    });
    expect(await store.incidents.get(open.id)).toEqual(open);
    expect(count('incident_events')).toBe(1);
  });

  it('refuses a change to an incident it did not read, and writes nothing', async () => {
    await storedIncident(store);
    const elsewhere = await storedIncident(store, { channelId: 'C0OTHER' });
    await expect(
      store.incidents.change('C0INC', () => addNote(elsewhere, 'wrong one', 'U0A', at(15, 0))),
    ).rejects.toThrow("a change must be to the channel's open or latest incident");
    expect(count('incident_events')).toBe(2);
  });

  it('rolls back what it wrote when decide throws', async () => {
    const open = await storedIncident(store);
    await expect(
      store.incidents.change('C0INC', () => {
        throw new Error('a bug in a decision');
      }),
    ).rejects.toThrow('a bug in a decision');
    expect(await store.incidents.get(open.id)).toEqual(open);
    expect(count('incident_events')).toBe(1);
  });
});

describe('actions.add and actions.change', () => {
  it('adds nothing without an incident in the channel', async () => {
    expect(await store.actions.add('C0NONE', () => newAction('x'))).toBeNull();
    expect(count('actions')).toBe(0);
    expect(count('incident_events')).toBe(0);
  });

  it('adds to the latest incident with its event, each action its own id', async () => {
    const incident = await storedIncident(store);
    const first = await store.actions.add('C0INC', (latest) => {
      expect(latest).toEqual(incident);
      return newAction('one');
    });
    const second = await store.actions.add('C0INC', () => newAction('two'));
    expect(first).toMatchObject({ incidentId: incident.id, text: 'one' });
    expect(second?.id).toBeGreaterThan(first?.id ?? Number.POSITIVE_INFINITY);
    expect((await store.incidents.events(incident.id)).map((e) => e.kind)).toEqual([
      'declared',
      'action_added',
      'action_added',
    ]);
  });

  it('changes one action and answers with the incident actions after the change', async () => {
    await storedIncident(store);
    const one = await store.actions.add('C0INC', () => newAction('one'));
    const two = await store.actions.add('C0INC', () => newAction('two'));
    if (!one || !two) throw new Error('not added');
    const done = { ...one, status: 'done' as const, closedAt: at(16, 0), closedBy: 'U0BOB' };
    const changed = await store.actions.change(one.id, () => ({ ok: true, action: done }));
    expect(changed).toEqual({ ok: true, action: done, before: one, incidentActions: [done, two] });
  });

  it('answers null for an unknown action and passes a refusal through, writing nothing', async () => {
    await storedIncident(store);
    const one = await store.actions.add('C0INC', () => newAction('one'));
    expect(await store.actions.change(999, () => ({ ok: false, refused: 'x' }))).toBeNull();
    const refused = await store.actions.change(one?.id ?? 0, () => ({ ok: false, refused: 'no' }));
    expect(refused).toEqual({ ok: false, refused: 'no' });
    expect(await store.actions.get(one?.id ?? 0)).toEqual(one);
  });
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
