import { describe, expect, it } from 'vitest';
import type { StorableChange, Store } from '../../../src/usecases/ports.ts';
import { aSignal, at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';
import { deleted, edited, posted } from './incident-fixtures.ts';

// MessageStore on every engine: the live event path (open incident, event-id claim, change),
// pages of history, the reads backfill and the draft use, and forgetting old event ids. A
// message or an event seen twice, by one replica or two at once, is stored once.

describe.each(ENGINES)('messages ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  const record = (eventId: string | null, change: StorableChange, now = at(14, 10)) =>
    store.messages.recordEvent({ channelId: 'C0INC', eventId, change, now });
  /** Claimed event ids, counted by forgetting them all (the last thing a test does). */
  const claimedEvents = () => store.messages.forgetEventsBefore(Number.MAX_SAFE_INTEGER);
  const messagesOf = async (id: number) => (await store.incidents.snapshot(id))?.messages;

  describe('recordEvent', () => {
    it('claims nothing and stores nothing in a channel without an open incident', async () => {
      await storedIncident(store, { status: 'resolved', resolvedAt: at(13, 0) });
      expect(await record('Ev1', posted('1.000100'))).toBe('no-incident');
      const open = await storedIncident(store, { declaredAt: at(14, 0) });
      // Ev1 was not claimed: its redelivery, now that an incident is open, is stored.
      expect(await record('Ev1', posted('1.000100'))).toBe('recorded');
      expect(await store.messages.find('C0INC', '1.000100')).toMatchObject({ incidentId: open.id });
    });

    it('stores once: a redelivered event id and a repeated (channel, ts) are duplicates', async () => {
      const { id } = await storedIncident(store);
      expect(await record('Ev1', posted('1.000100'))).toBe('recorded');
      expect(await record('Ev1', posted('1.000100'))).toBe('duplicate');
      expect(await record('Ev2', posted('1.000100'))).toBe('duplicate');
      expect(await record(null, posted('1.000100'))).toBe('duplicate');
      expect(await store.messages.countForIncident(id)).toBe(1);
      expect(await claimedEvents()).toBe(2);
    });

    it('applies edits (one arriving first creates the message) and deletes', async () => {
      const { id } = await storedIncident(store);
      expect(await record('Ev1', edited('1.000200', 'edited first', at(14, 12)))).toBe('edited');
      expect(await record('Ev2', posted('1.000200'))).toBe('duplicate');
      expect(await record('Ev3', posted('1.000100'))).toBe('recorded');
      expect(await record('Ev4', edited('1.000100', 'fixed typo', at(14, 13)))).toBe('edited');
      expect(await record('Ev5', deleted('1.000200', at(14, 14)))).toBe('deleted');
      expect(await messagesOf(id)).toEqual([
        expect.objectContaining({ ts: '1.000100', text: 'fixed typo', editedAt: at(14, 13) }),
        expect.objectContaining({ ts: '1.000200', text: 'edited first', deleted: true }),
      ]);
    });

    it('keeps every state an alert message showed, once each', async () => {
      const { id } = await storedIncident(store);
      const firing = aSignal({ state: 'firing', title: 'CPU high', severity: 'P1' });
      const alert = { isBot: true, userId: null, botId: 'B0DD', alert: firing };
      await record('Ev1', posted('1.000100', { ...alert, postedAt: at(14, 1) }));
      await record('Ev2', posted('1.000100', { ...alert, postedAt: at(14, 1) }));
      const resolved = { ...alert, alert: { ...firing, state: 'resolved' as const } };
      await record('Ev3', edited('1.000100', 'ok', at(14, 20), resolved));
      await record('Ev4', edited('1.000100', 'ok', at(14, 20), resolved));
      const snapshot = await store.incidents.snapshot(id);
      expect(snapshot?.messageAlerts).toEqual([
        { at: at(14, 1), origin: 'message', messageTs: '1.000100', alert: firing },
        {
          at: at(14, 20),
          origin: 'message',
          messageTs: '1.000100',
          alert: { ...firing, state: 'resolved' },
        },
      ]);
      expect(snapshot?.messages[0]?.alert).toEqual({ ...firing, state: 'resolved' });
    });

    it('stores one message when an event and its retry arrive at the same moment', async () => {
      const { id } = await storedIncident(store);
      const answers = await Promise.all([
        record('Ev1', posted('1.000100')),
        record('Ev1', posted('1.000100')),
        record('Ev2', posted('1.000100')),
      ]);
      expect(answers.sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
      expect(await store.messages.countForIncident(id)).toBe(1);
    });
  });

  describe('recordChanges', () => {
    it('applies a page of changes and says what each one did', async () => {
      const { id } = await storedIncident(store);
      const applied = await store.messages.recordChanges(
        id,
        [
          posted('1.000100'),
          posted('1.000200'),
          posted('1.000100'),
          deleted('1.000100', at(14, 20)),
        ],
        at(14, 30),
      );
      expect(applied).toEqual(['recorded', 'recorded', 'duplicate', 'deleted']);
      expect((await messagesOf(id))?.map((m) => [m.ts, m.deleted])).toEqual([
        ['1.000100', true],
        ['1.000200', false],
      ]);
      expect(await store.messages.recordChanges(id, [], at(14, 31))).toEqual([]);
    });

    it('leaves out the alert states of a deleted message', async () => {
      const { id } = await storedIncident(store);
      const alert = { isBot: true, userId: null, alert: aSignal({ state: 'firing', title: 'x' }) };
      await store.messages.recordChanges(id, [posted('1.000100', alert)], at(14, 30));
      await store.messages.recordChanges(id, [deleted('1.000100', at(14, 31))], at(14, 31));
      expect((await store.incidents.snapshot(id))?.messageAlerts).toEqual([]);
    });

    it('stores nothing of a page for an incident that does not exist', async () => {
      const { id } = await storedIncident(store);
      await expect(
        store.messages.recordChanges(
          id + 100,
          [posted('1.000100'), posted('1.000200')],
          at(14, 30),
        ),
      ).rejects.toThrow();
      expect(await store.messages.find('C0INC', '1.000100')).toBeNull();
      expect(await store.messages.countForIncident(id + 100)).toBe(0);
    });

    it('stores each message once when two pages overlap at the same moment', async () => {
      const { id } = await storedIncident(store);
      const page = ['1.000100', '1.000200', '1.000300'].map((ts) => posted(ts));
      const answers = await Promise.all([
        store.messages.recordChanges(id, page, at(14, 30)),
        store.messages.recordChanges(id, [...page].reverse(), at(14, 30)),
      ]);
      expect(answers.flat().filter((a) => a === 'recorded')).toHaveLength(3);
      expect(await store.messages.countForIncident(id)).toBe(3);
    });
  });

  describe('reads', () => {
    it('answer for an incident with no messages', async () => {
      const { id } = await storedIncident(store);
      expect(await store.messages.find('C0INC', '1.000100')).toBeNull();
      expect(await store.messages.countForIncident(id)).toBe(0);
      expect(await store.messages.authorsOf(id)).toEqual([]);
      expect(await store.messages.newestTs(id)).toBeNull();
      expect(await store.messages.threadRoots(id)).toEqual([]);
    });

    it('find a message, count, list authors, the newest ts and thread roots', async () => {
      const { id } = await storedIncident(store);
      await store.messages.recordChanges(
        id,
        [
          posted('1.000100', { postedAt: at(14, 1) }, { reply_count: 2 }),
          posted('1.000200', { postedAt: at(14, 2), userId: 'U0BOB', threadTs: '1.000050' }),
          posted('1.000300', { postedAt: at(14, 3), userId: null, isBot: true, botId: 'B0' }),
          // Same posting time: the later ts is the newer message.
          posted('1.000400', { postedAt: at(14, 3) }),
          posted('1.000500', { postedAt: at(14, 0) }, { reply_count: 0 }),
        ],
        at(14, 30),
      );
      expect(await store.messages.find('C0INC', '1.000200')).toEqual({
        incidentId: id,
        postedAt: at(14, 2),
      });
      expect(await store.messages.find('C0OTHER', '1.000200')).toBeNull();
      expect(await store.messages.countForIncident(id)).toBe(5);
      expect((await store.messages.authorsOf(id)).sort()).toEqual(['U0ALICE', 'U0BOB']);
      expect(await store.messages.newestTs(id)).toBe('1.000400');
      expect((await store.messages.threadRoots(id)).sort()).toEqual(['1.000050', '1.000100']);
    });
  });

  describe('forgetEventsBefore', () => {
    it('forgets only the event ids claimed before the given time', async () => {
      await storedIncident(store);
      await record('Ev1', posted('1.000100'), at(14, 0));
      await record('Ev2', posted('1.000200'), at(14, 5));
      await record('Ev3', posted('1.000300'), at(14, 10));
      expect(await store.messages.forgetEventsBefore(at(14, 5))).toBe(1);
      expect(await store.messages.forgetEventsBefore(at(14, 5))).toBe(0);
      // Ev1 can be claimed again; Ev2 is still remembered.
      expect(await record('Ev1', posted('1.000400'))).toBe('recorded');
      expect(await record('Ev2', posted('1.000500'))).toBe('duplicate');
      expect(await claimedEvents()).toBe(3);
    });
  });
});
