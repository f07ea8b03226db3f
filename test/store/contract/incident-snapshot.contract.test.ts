import { describe, expect, it } from 'vitest';
import { addNote } from '../../../src/domain/incident.ts';
import type { Incident } from '../../../src/domain/types.ts';
import type { ImportedIncident, Store } from '../../../src/usecases/ports.ts';
import { anIncident, aSignal, at } from '../../domain/builders.ts';
import { webhookAlert } from '../../domain/webhooks/alert.ts';
import { storedIncident } from '../../helpers/store.ts';
import { addedAction } from './action-fixtures.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';
import { deleted, posted } from './incident-fixtures.ts';

// The two whole-incident operations on every engine: the draft's snapshot (everything, read at
// one moment) and storing an imported incident (all of it, or nothing when its window is taken).

describe.each(ENGINES)('incident snapshot and import ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  const alerting = (ts: string) =>
    posted(ts, { isBot: true, userId: null, alert: aSignal({ state: 'firing', title: ts }) });

  describe('snapshot', () => {
    it('is null for an unknown incident', async () => {
      expect(await store.incidents.snapshot(42)).toBeNull();
    });

    it("holds everything a draft reads, of this incident only, and every person's name", async () => {
      const other = await storedIncident(store, { channelId: 'C0OTHER' });
      await store.messages.recordChanges(other.id, [posted('9.000100')], at(14, 0));
      const incident = await storedIncident(store, { title: 'Snap' });
      await store.incidents.change('C0INC', (found) =>
        addNote(found.open as Incident, 'failing over', 'U0BOB', at(14, 20)),
      );
      await store.messages.recordChanges(
        incident.id,
        [
          posted('1.000100'),
          alerting('1.000200'),
          posted('1.000300'),
          deleted('1.000300', at(14, 30)),
        ],
        at(14, 30),
      );
      await store.keyMarks.add(
        { channelId: 'C0INC', ts: '1.000100', kind: 'pin', userId: 'U0B' },
        1,
      );
      const action = await addedAction(store, 'add a retry budget');
      await store.webhookAlerts.ingest('C0INC', [{ alert: webhookAlert(), raw: {} }], at(14, 2));
      const summary = { kind: 'summary' as const, text: 'db', authorId: 'U0ALICE', at: at(15, 0) };
      await store.sections.addToLatest('C0INC', summary);
      await store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: null }, at(14, 0));
      await store.people.upsert({ id: 'U0ZED', name: 'Zed', tz: 'Europe/Paris' }, at(14, 0));

      const snapshot = await store.incidents.snapshot(incident.id);
      expect(snapshot).toMatchObject({
        incident,
        events: [
          { kind: 'declared' },
          { kind: 'note', text: 'failing over' },
          { kind: 'action_added' },
        ],
        actions: [action],
        messageAlerts: [{ messageTs: '1.000200', alert: { title: '1.000200' } }],
        webhookAlerts: [{ ...webhookAlert(), receivedAt: at(14, 2) }],
        sections: [summary],
      });
      expect(snapshot?.messages.map((m) => [m.ts, m.key, m.deleted, m.alert !== null])).toEqual([
        ['1.000100', true, false, false],
        ['1.000200', false, false, true],
        ['1.000300', false, true, false],
      ]);
      expect(snapshot?.people).toEqual(
        new Map([
          ['U0ALICE', 'Alice'],
          ['U0ZED', 'Zed'],
        ]),
      );
    });

    it('never shows a message without the alert states recorded with it, while pages are stored', async () => {
      const { id } = await storedIncident(store);
      const pages = [1, 2, 3, 4].map((page) =>
        Array.from({ length: 25 }, (_, n) => alerting(`${page}.${String(n).padStart(6, '0')}`)),
      );
      const snapshots = await Promise.all(
        pages.flatMap((page) => [
          store.messages.recordChanges(id, page, at(14, 30)).then(() => null),
          store.incidents.snapshot(id),
        ]),
      );
      for (const snapshot of snapshots) {
        if (snapshot === null) continue;
        expect(snapshot.messageAlerts).toHaveLength(snapshot.messages.length);
      }
      expect((await store.incidents.snapshot(id))?.messageAlerts).toHaveLength(100);
    });
  });

  describe('importWhole', () => {
    const plan = (overrides: Partial<ImportedIncident> = {}): ImportedIncident => {
      const incident = anIncident({ id: 0, status: 'resolved', resolvedAt: at(16, 0) });
      const changes = [posted('1.000100'), posted('1.000200', { userId: 'U0BOB' })];
      return {
        incident,
        events: [
          {
            kind: 'declared',
            at: at(14, 5),
            actorId: 'U0ALICE',
            text: 'x',
            subjectId: null,
            valueAt: null,
          },
          {
            kind: 'resolved',
            at: at(16, 0),
            actorId: 'U0BOB',
            text: null,
            subjectId: null,
            valueAt: null,
          },
        ],
        messageKeys: changes.map(({ message: m }) => ({ channelId: m.channelId, ts: m.ts })),
        changes,
        people: [
          { id: 'U0ALICE', name: 'Alice (export)', tz: null },
          { id: 'U0BOB', name: 'Bob', tz: 'Europe/Paris' },
        ],
        ...overrides,
      };
    };

    it('stores the incident, its events, messages and the people not known yet', async () => {
      await store.people.upsert({ id: 'U0ALICE', name: 'Alice', tz: 'UTC' }, at(13, 0));
      const stored = await store.incidents.importWhole(plan(), at(17, 0));
      if (!('incidentId' in stored)) throw new Error('refused');
      const snapshot = await store.incidents.snapshot(stored.incidentId);
      expect(snapshot?.incident).toEqual({
        ...plan().incident,
        id: stored.incidentId,
        isPrivate: false,
      });
      expect(snapshot?.events.map((e) => e.kind)).toEqual(['declared', 'resolved']);
      expect(snapshot?.messages.map((m) => m.ts)).toEqual(['1.000100', '1.000200']);
      expect(snapshot?.people.get('U0ALICE')).toBe('Alice');
      expect(snapshot?.people.get('U0BOB')).toBe('Bob');
      expect(await store.people.timeZoneOf('U0ALICE')).toBe('UTC');
    });

    it('stores nothing when its window is already held, and names the incident holding most of it', async () => {
      const live = await storedIncident(store, { title: 'Live' });
      await store.messages.recordChanges(live.id, [posted('1.000200')], at(14, 20));
      const held = await store.incidents.importWhole(plan(), at(17, 0));
      expect(held).toEqual({ heldBy: { incidentId: live.id, count: 1, title: 'Live' } });
      expect(await store.incidents.findLatestInChannel('C0INC')).toEqual(live);
      expect(await store.messages.find('C0INC', '1.000100')).toBeNull();
      expect(await store.people.unknown(['U0ALICE', 'U0BOB'])).toEqual(['U0ALICE', 'U0BOB']);
    });

    it('stores one incident when the same window is imported twice at once', async () => {
      const answers = await Promise.all([
        store.incidents.importWhole(plan(), at(17, 0)),
        store.incidents.importWhole(plan(), at(17, 0)),
      ]);
      const stored = answers.flatMap((a) => ('incidentId' in a ? [a.incidentId] : []));
      expect(stored).toHaveLength(1);
      expect(answers).toContainEqual({
        heldBy: { incidentId: stored[0], count: 2, title: plan().incident.title },
      });
      expect(await store.messages.countForIncident(stored[0] ?? 0)).toBe(2);
    });

    it('stores nothing at all when a part of it fails', async () => {
      const [declared] = plan().events;
      if (!declared) throw new Error('no event');
      // The incident and its first event are written before the second event fails.
      const broken = { ...declared, actorId: null as unknown as string };
      await expect(
        store.incidents.importWhole(plan({ events: [declared, broken] }), at(17, 0)),
      ).rejects.toThrow();
      expect(await store.incidents.findLatestInChannel('C0INC')).toBeNull();
      expect(await store.messages.find('C0INC', '1.000100')).toBeNull();
      expect(await store.people.unknown(['U0BOB'])).toEqual(['U0BOB']);
    });

    it('refuses a second open incident in the channel, storing nothing of it', async () => {
      const open = await storedIncident(store);
      const failing = plan({ incident: anIncident({ id: 0 }) });
      await expect(store.incidents.importWhole(failing, at(17, 0))).rejects.toThrow();
      expect(await store.incidents.listOpen()).toEqual([open]);
      expect(await store.messages.find('C0INC', '1.000100')).toBeNull();
    });
  });
});
