import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { addedAction } from './action-fixtures.ts';
import { withPostgres } from './action-races.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// ReminderStore on every engine: the candidates and their state, the owner-day claim that keeps a
// reminder DM from being recorded twice (whichever replica sent it), snoozes, and nothing written
// for an action that does not exist.

const dm = (day: string, ts = '1.000100') => ({ ownerId: 'U0BOB', day, channelId: 'D0BOB', ts });

describe.each(ENGINES)('reminders ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  describe('candidates', () => {
    it('lists open actions with their state and who answers for their incident', async () => {
      await storedIncident(store);
      await storedIncident(store, { channelId: 'C0LED', leadId: 'U0CAROL' });
      const reported = await addedAction(store, 'reported');
      const led = await addedAction(store, 'led', {}, 'C0LED');
      await addedAction(store, 'closed', { status: 'done' });
      await store.reminders.snooze(led.id, at(18, 0));
      await store.reminders.recordDm(dm('2026-11-21'), [reported.id], at(9, 0));
      const candidates = await store.reminders.candidates();
      expect(candidates.sort((a, b) => a.action.id - b.action.id)).toEqual([
        {
          action: reported,
          leadId: 'U0ALICE',
          state: { lastRemindedAt: at(9, 0), snoozedUntil: null },
        },
        {
          action: led,
          leadId: 'U0CAROL',
          state: { lastRemindedAt: null, snoozedUntil: at(18, 0) },
        },
      ]);
    });

    it('lists nothing without open actions', async () => {
      expect(await store.reminders.candidates()).toEqual([]);
    });
  });

  describe('recordDm', () => {
    it('records an owner-day once: a repeat answers false and adds no day', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      expect(await store.reminders.hasDm('U0BOB', '2026-11-21')).toBe(false);
      expect(await store.reminders.recordDm(dm('2026-11-21'), [one.id], at(9, 0))).toBe(true);
      expect(await store.reminders.recordDm(dm('2026-11-21', '1.000200'), [one.id], at(9, 5))).toBe(
        false,
      );
      expect(await store.reminders.hasDm('U0BOB', '2026-11-21')).toBe(true);
      expect(await store.reminders.hasDm('U0CAROL', '2026-11-21')).toBe(false);
      expect(await store.reminders.dmDays('U0BOB')).toEqual(new Set(['2026-11-21']));
    });

    it('marks the actions reminded, also when the owner-day was already taken', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const two = await addedAction(store, 'two');
      await store.reminders.recordDm(dm('2026-11-21'), [one.id], at(9, 0));
      await store.reminders.recordDm(dm('2026-11-21'), [one.id, two.id, two.id], at(9, 5));
      const state = new Map(
        (await store.reminders.candidates()).map((c) => [c.action.id, c.state.lastRemindedAt]),
      );
      expect(state).toEqual(
        new Map([
          [one.id, at(9, 5)],
          [two.id, at(9, 5)],
        ]),
      );
    });

    it('records a DM without actions', async () => {
      expect(await store.reminders.recordDm(dm('2026-11-21'), [], at(9, 0))).toBe(true);
      expect(await store.reminders.hasDm('U0BOB', '2026-11-21')).toBe(true);
    });

    it('refuses an action that does not exist and records nothing, not even the day', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      await expect(
        store.reminders.recordDm(dm('2026-11-21'), [one.id, 999], at(9, 0)),
      ).rejects.toThrow();
      expect(await store.reminders.hasDm('U0BOB', '2026-11-21')).toBe(false);
      expect((await store.reminders.candidates())[0]?.state.lastRemindedAt).toBeNull();
    });

    it('records one of two DMs for one owner-day sent at once', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const answers = await Promise.all(
        ['1.000100', '1.000200', '1.000300'].map((ts) =>
          store.reminders.recordDm(dm('2026-11-21', ts), [one.id], at(9, 0)),
        ),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('dmDays', () => {
    it("answers the owner's seven latest days, and no one else's", async () => {
      const days = Array.from(
        { length: 9 },
        (_, i) => `2026-11-${String(10 + i).padStart(2, '0')}`,
      );
      for (const day of days) await store.reminders.recordDm(dm(day), [], at(9, 0));
      await store.reminders.recordDm({ ...dm('2026-11-30'), ownerId: 'U0CAROL' }, [], at(9, 0));
      expect([...(await store.reminders.dmDays('U0BOB'))]).toEqual(days.slice(2).reverse());
      expect(await store.reminders.dmDays('U0NOBODY')).toEqual(new Set());
    });
  });

  describe('snooze and snoozedUntil', () => {
    it('sets and moves a snooze, keeping when the action was last reminded', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const two = await addedAction(store, 'two');
      await store.reminders.snooze(one.id, at(18, 0));
      expect(await store.reminders.snoozedUntil([one.id, two.id, 999])).toEqual(
        new Map([[one.id, at(18, 0)]]),
      );
      await store.reminders.recordDm(dm('2026-11-21'), [two.id], at(9, 0));
      await store.reminders.snooze(two.id, at(19, 0));
      await store.reminders.snooze(one.id, at(20, 0));
      expect(await store.reminders.snoozedUntil([one.id, two.id])).toEqual(
        new Map([
          [one.id, at(20, 0)],
          [two.id, at(19, 0)],
        ]),
      );
      const reminded = (await store.reminders.candidates()).find((c) => c.action.id === two.id);
      expect(reminded?.state).toEqual({ lastRemindedAt: at(9, 0), snoozedUntil: at(19, 0) });
    });

    it('answers an empty map for no actions, and null for a reminded action never snoozed', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      expect(await store.reminders.snoozedUntil([])).toEqual(new Map());
      await store.reminders.recordDm(dm('2026-11-21'), [one.id], at(9, 0));
      expect(await store.reminders.snoozedUntil([one.id])).toEqual(new Map([[one.id, null]]));
    });

    it('refuses to snooze an action that does not exist, writing nothing', async () => {
      await expect(store.reminders.snooze(999, at(18, 0))).rejects.toThrow();
      expect(await store.reminders.snoozedUntil([999])).toEqual(new Map());
    });
  });
});

// On PostgreSQL, DMs recorded by two replicas made to meet on the server (action-races.ts).
describe('reminders (postgres, calls that meet on the server)', () => {
  it('records one DM per owner-day: the unique claim decides, no error reaches the callers', () =>
    withPostgres(async ({ store, startedTogether }) => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const two = await addedAction(store, 'two');
      const record = (ts: string, ids: number[]) => () =>
        store.reminders.recordDm(dm('2026-11-21', ts), ids, at(9, 0));
      const answers = await startedTogether('reminder_dms', [
        record('1.000100', [one.id, two.id]),
        record('1.000200', [two.id, one.id]),
        record('1.000300', [one.id]),
      ]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      expect(await store.reminders.dmDays('U0BOB')).toEqual(new Set(['2026-11-21']));
    }));

  it('marks overlapping actions of different owners at once without a deadlock', () =>
    withPostgres(async ({ store, startedTogether }) => {
      await storedIncident(store);
      const ids = [
        (await addedAction(store, 'one')).id,
        (await addedAction(store, 'two')).id,
        (await addedAction(store, 'three')).id,
      ];
      const record = (ownerId: string, order: number[]) => () =>
        store.reminders.recordDm({ ...dm('2026-11-21'), ownerId }, order, at(9, 0));
      const answers = await startedTogether('action_reminders', [
        record('U0BOB', ids),
        record('U0CAROL', [...ids].reverse()),
        record('U0DAN', [ids[1] ?? 0, ids[0] ?? 0]),
      ]);
      expect(answers).toEqual([true, true, true]);
      const snoozes = await store.reminders.snoozedUntil(ids);
      expect([...snoozes.keys()].sort()).toEqual([...ids].sort());
    }));
});
