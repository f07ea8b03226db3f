import { describe, expect, it } from 'vitest';
import type { KeyMark, Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { webhookAlert } from '../../domain/webhooks/alert.ts';
import { resolvedIncident, storedIncident } from '../../helpers/store.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';
import { posted } from './incident-fixtures.ts';

// Key marks, post-mortem sections and webhook alerts on every engine: each stored once however
// often (or however many replicas at once) it arrives, and nothing stored without an incident.

describe.each(ENGINES)('key marks, sections and webhook alerts ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  const mark = (overrides: Partial<KeyMark> = {}): KeyMark => ({
    channelId: 'C0INC',
    ts: '1.000100',
    kind: 'reaction',
    userId: 'U0BOB',
    ...overrides,
  });
  const isKey = async (incidentId: number) =>
    (await store.incidents.snapshot(incidentId))?.messages.map((m) => m.key);

  describe('keyMarks', () => {
    it('keeps a message key while any mark on it remains', async () => {
      const { id } = await storedIncident(store);
      await store.messages.recordChanges(id, [posted('1.000100')], at(14, 10));
      expect(await isKey(id)).toEqual([false]);
      expect(await store.keyMarks.add(mark(), at(14, 11))).toBe(true);
      expect(await store.keyMarks.add(mark(), at(14, 12))).toBe(false);
      expect(await store.keyMarks.add(mark({ kind: 'pin' }), at(14, 12))).toBe(true);
      expect(await store.keyMarks.add(mark({ userId: 'U0CAROL' }), at(14, 12))).toBe(true);
      expect(await isKey(id)).toEqual([true]);
      expect(await store.keyMarks.remove(mark())).toBe(true);
      expect(await store.keyMarks.remove(mark())).toBe(false);
      expect(await store.keyMarks.remove(mark({ kind: 'pin' }))).toBe(true);
      expect(await isKey(id)).toEqual([true]);
      expect(await store.keyMarks.remove(mark({ userId: 'U0CAROL' }))).toBe(true);
      expect(await isKey(id)).toEqual([false]);
    });

    it('marks one message only, and answers false for removing a mark never made', async () => {
      const { id } = await storedIncident(store);
      await store.messages.recordChanges(id, [posted('1.000100'), posted('1.000200')], at(14, 10));
      await store.keyMarks.add(mark({ ts: '1.000200' }), at(14, 11));
      await store.keyMarks.add(mark({ channelId: 'C0OTHER' }), at(14, 11));
      expect(await isKey(id)).toEqual([false, true]);
      expect(await store.keyMarks.remove(mark({ ts: '9.000000' }))).toBe(false);
    });

    it('stores one mark when the same reaction event reaches two replicas at once', async () => {
      const answers = await Promise.all([
        store.keyMarks.add(mark(), at(14, 11)),
        store.keyMarks.add(mark(), at(14, 11)),
      ]);
      expect(answers.sort()).toEqual([false, true]);
      expect(await store.keyMarks.remove(mark())).toBe(true);
      expect(await store.keyMarks.remove(mark())).toBe(false);
    });
  });

  describe('sections.addToLatest', () => {
    const section = (text: string, when: number) => ({
      kind: 'summary' as const,
      text,
      authorId: 'U0ALICE',
      at: when,
    });

    it('stores nothing in a channel without an incident', async () => {
      const elsewhere = await storedIncident(store, { channelId: 'C0OTHER' });
      expect(await store.sections.addToLatest('C0INC', section('s', at(14, 0)))).toBeNull();
      expect((await store.incidents.snapshot(elsewhere.id))?.sections).toEqual([]);
    });

    it("keeps every write on the channel's latest incident, resolved or not, in time order", async () => {
      const old = await resolvedIncident(store, 9, 10);
      const latest = await resolvedIncident(store, 11, 12);
      expect(await store.sections.addToLatest('C0INC', section('second', at(15, 0)))).toEqual(
        latest,
      );
      await store.sections.addToLatest('C0INC', section('first', at(14, 0)));
      await store.sections.addToLatest('C0INC', section('same time, later write', at(15, 0)));
      expect((await store.incidents.snapshot(latest.id))?.sections).toEqual([
        section('first', at(14, 0)),
        section('second', at(15, 0)),
        section('same time, later write', at(15, 0)),
      ]);
      expect((await store.incidents.snapshot(old.id))?.sections).toEqual([]);
    });
  });

  describe('webhookAlerts.ingest', () => {
    it('stores nothing without an open incident in the channel', async () => {
      const closed = await storedIncident(store, { status: 'resolved', resolvedAt: at(15, 0) });
      const alerts = [{ alert: webhookAlert(), raw: {} }];
      expect(await store.webhookAlerts.ingest('C0INC', alerts, at(15, 1))).toBeNull();
      expect(await store.webhookAlerts.ingest('C0NONE', alerts, at(15, 1))).toBeNull();
      expect((await store.incidents.snapshot(closed.id))?.webhookAlerts).toEqual([]);
    });

    it('answers with the very alerts that were new, and stores each state of an episode once', async () => {
      const { id } = await storedIncident(store);
      const first = webhookAlert();
      const second = webhookAlert({ fingerprint: 'fp2' });
      expect(
        await store.webhookAlerts.ingest('C0INC', [{ alert: first, raw: {} }], at(14, 0)),
      ).toEqual([first]);
      const resolved = webhookAlert({ state: 'resolved', endsAt: at(14, 30) });
      const fresh = await store.webhookAlerts.ingest(
        'C0INC',
        [
          { alert: { ...first }, raw: { again: true } },
          { alert: second, raw: {} },
          { alert: resolved, raw: {} },
        ],
        at(14, 31),
      );
      expect(fresh).toEqual([second, resolved]);
      expect(fresh?.[0]).toBe(second);
      expect((await store.incidents.snapshot(id))?.webhookAlerts).toEqual([
        { ...first, receivedAt: at(14, 0) },
        { ...second, receivedAt: at(14, 31) },
        { ...resolved, receivedAt: at(14, 31) },
      ]);
    });

    it('keys an alert without a start time by its arrival, and keeps a raw payload of undefined', async () => {
      const { id } = await storedIncident(store);
      const unstarted = webhookAlert({ startsAt: null });
      const ingest = (now: number) =>
        store.webhookAlerts.ingest('C0INC', [{ alert: unstarted, raw: undefined }], now);
      expect(await ingest(at(14, 0))).toEqual([unstarted]);
      expect(await ingest(at(14, 1))).toEqual([unstarted]);
      expect((await store.incidents.snapshot(id))?.webhookAlerts.map((a) => a.startsAt)).toEqual([
        at(14, 0),
        at(14, 1),
      ]);
    });

    it('stores one alert when a tool repeats its notification to two replicas at once', async () => {
      const { id } = await storedIncident(store);
      const alert = webhookAlert();
      const answers = await Promise.all([
        store.webhookAlerts.ingest('C0INC', [{ alert, raw: {} }], at(14, 0)),
        store.webhookAlerts.ingest('C0INC', [{ alert, raw: {} }], at(14, 0)),
      ]);
      expect(answers.map((a) => a?.length).sort()).toEqual([0, 1]);
      expect((await store.incidents.snapshot(id))?.webhookAlerts).toHaveLength(1);
    });
  });
});
