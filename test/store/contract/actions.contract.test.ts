import { describe, expect, it } from 'vitest';
import type { ActionItem } from '../../../src/domain/types.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { resolvedIncident, storedIncident } from '../../helpers/store.ts';
import { addedAction, newAction } from './action-fixtures.ts';
import { withPostgres } from './action-races.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// ActionStore on every engine: ids, ordering, the timeline event stored with each new action,
// decisions taken one at a time when two replicas ask at once, and nothing written on a refusal,
// an unknown id or a failing decision.

const done = (action: ActionItem): ActionItem => ({
  ...action,
  status: 'done',
  closedAt: at(16, 0),
  closedBy: 'U0BOB',
});

/** A call closing action `id` if it is still open, refused once it is closed. */
const closingOnce = (store: Store, id: number) => () =>
  store.actions.change(id, (action) =>
    action.status === 'open'
      ? { ok: true, action: done(action) }
      : { ok: false, refused: 'already closed' },
  );

describe.each(ENGINES)('actions ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  describe('add', () => {
    it('adds nothing without an incident in the channel', async () => {
      const elsewhere = await storedIncident(store, { channelId: 'C0OTHER' });
      let asked = false;
      const added = await store.actions.add('C0NONE', () => {
        asked = true;
        return newAction('x');
      });
      expect(added).toBeNull();
      expect(asked).toBe(false);
      expect(await store.actions.forIncident(elsewhere.id)).toEqual([]);
      expect(await store.incidents.events(elsewhere.id)).toHaveLength(1);
    });

    it("adds to the channel's latest incident, resolved or not, with its action_added event", async () => {
      await resolvedIncident(store, 9, 10);
      const latest = await resolvedIncident(store, 11, 12);
      const seen: unknown[] = [];
      const added = await store.actions.add('C0INC', (incident) => {
        seen.push(incident);
        return newAction('add a retry budget', { dueDate: '2026-11-30', priority: 'p2' });
      });
      expect(seen).toEqual([latest]);
      expect(added).toEqual({
        ...newAction('add a retry budget', { dueDate: '2026-11-30', priority: 'p2' }).action,
        id: expect.any(Number),
        incidentId: latest.id,
      });
      expect(await store.actions.get(added?.id ?? 0)).toEqual(added);
      expect(await store.incidents.events(latest.id)).toEqual([
        expect.objectContaining({ kind: 'declared' }),
        {
          incidentId: latest.id,
          kind: 'action_added',
          at: at(15, 0),
          actorId: 'U0ALICE',
          text: 'add a retry budget',
          subjectId: null,
          valueAt: null,
        },
      ]);
    });

    it('gives two actions added at the same moment distinct ids, each with its event', async () => {
      const incident = await storedIncident(store);
      const added = await Promise.all(
        ['one', 'two', 'three', 'four'].map((text) => addedAction(store, text)),
      );
      expect(new Set(added.map((a) => a.id)).size).toBe(4);
      expect((await store.actions.forIncident(incident.id)).map((a) => a.text).sort()).toEqual([
        'four',
        'one',
        'three',
        'two',
      ]);
      const events = await store.incidents.events(incident.id);
      expect(events.filter((e) => e.kind === 'action_added')).toHaveLength(4);
    });

    it('stores neither the action nor its event when decide throws', async () => {
      const incident = await storedIncident(store);
      await expect(
        store.actions.add('C0INC', () => {
          throw new Error('a bug in a decision');
        }),
      ).rejects.toThrow('a bug in a decision');
      expect(await store.actions.forIncident(incident.id)).toEqual([]);
      expect(await store.incidents.events(incident.id)).toHaveLength(1);
    });

    it('stores neither when the event cannot be stored', async () => {
      const incident = await storedIncident(store);
      const broken = newAction('half');
      const event = { ...broken.event, actorId: null as unknown as string };
      await expect(store.actions.add('C0INC', () => ({ ...broken, event }))).rejects.toThrow();
      expect(await store.actions.forIncident(incident.id)).toEqual([]);
      expect(await store.incidents.events(incident.id)).toHaveLength(1);
    });
  });

  describe('reading', () => {
    it('answers null for an action that does not exist', async () => {
      expect(await store.actions.get(999)).toBeNull();
      expect(await store.actions.forIncident(999)).toEqual([]);
      expect(await store.actions.openForOwner('U0NOBODY')).toEqual([]);
    });

    it("lists an incident's actions oldest first (ids grow), and no other incident's", async () => {
      const incident = await storedIncident(store);
      await storedIncident(store, { channelId: 'C0OTHER' });
      const one = await addedAction(store, 'one');
      await addedAction(store, 'elsewhere', {}, 'C0OTHER');
      const two = await addedAction(store, 'two', { status: 'done' });
      expect(two.id).toBeGreaterThan(one.id);
      expect(await store.actions.forIncident(incident.id)).toEqual([one, two]);
    });

    it("lists an owner's open actions, those without a due date first, then by due date", async () => {
      await storedIncident(store);
      const later = await addedAction(store, 'later', { dueDate: '2026-12-01' });
      const undated = await addedAction(store, 'undated');
      const sooner = await addedAction(store, 'sooner', { dueDate: '2026-11-25' });
      const sameDay = await addedAction(store, 'same day', { dueDate: '2026-11-25' });
      await addedAction(store, 'closed', { status: 'done', dueDate: '2026-11-20' });
      await addedAction(store, 'not hers', { ownerId: 'U0CAROL' });
      await addedAction(store, 'nobody', { ownerId: null });
      expect(await store.actions.openForOwner('U0BOB')).toEqual([undated, sooner, sameDay, later]);
    });
  });

  describe('change', () => {
    it('stores the change and answers with the incident actions as they are after it', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const two = await addedAction(store, 'two');
      const seen: ActionItem[] = [];
      const changed = await store.actions.change(one.id, (action) => {
        seen.push(action);
        return { ok: true, action: done(action) };
      });
      expect(seen).toEqual([one]);
      expect(changed).toEqual({
        ok: true,
        action: done(one),
        before: one,
        incidentActions: [done(one), two],
      });
      expect(await store.actions.get(one.id)).toEqual(done(one));
    });

    it('answers null for an unknown action without asking decide', async () => {
      let asked = false;
      const changed = await store.actions.change(999, () => {
        asked = true;
        return { ok: false, refused: 'x' };
      });
      expect(changed).toBeNull();
      expect(asked).toBe(false);
    });

    it('passes a refusal through and writes nothing', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const refused = await store.actions.change(one.id, () => ({ ok: false, refused: 'no' }));
      expect(refused).toEqual({ ok: false, refused: 'no' });
      expect(await store.actions.get(one.id)).toEqual(one);
    });

    it('writes nothing when decide throws', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      await expect(
        store.actions.change(one.id, () => {
          throw new Error('a bug in a decision');
        }),
      ).rejects.toThrow('a bug in a decision');
      expect(await store.actions.get(one.id)).toEqual(one);
    });

    it('decides two changes of one action one after the other: the second sees the first', async () => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const closeOnce = closingOnce(store, one.id);
      const answers = await Promise.all([closeOnce(), closeOnce(), closeOnce()]);
      expect(answers.filter((a) => a?.ok === true)).toHaveLength(1);
      expect(answers.filter((a) => a?.ok === false)).toEqual([
        { ok: false, refused: 'already closed' },
        { ok: false, refused: 'already closed' },
      ]);
      expect(await store.actions.get(one.id)).toEqual(done(one));
    });
  });
});

// On PostgreSQL, calls from two replicas made to meet on the server (action-races.ts).
describe('actions (postgres, calls that meet on the server)', () => {
  it('decides changes of one action one after the other: one closes it, the rest see it closed', () =>
    withPostgres(async ({ store, startedTogether }) => {
      await storedIncident(store);
      const one = await addedAction(store, 'one');
      const closeOnce = closingOnce(store, one.id);
      const answers = await startedTogether('actions', [closeOnce, closeOnce, closeOnce]);
      expect(answers.filter((a) => a?.ok === true)).toHaveLength(1);
      expect(await store.actions.get(one.id)).toEqual(done(one));
    }));

  it('gives actions added at once distinct ids, each with its event', () =>
    withPostgres(async ({ store, startedTogether }) => {
      const incident = await storedIncident(store);
      const add = (text: string) => () => addedAction(store, text);
      const added = await startedTogether('incidents', [add('a'), add('b'), add('c')]);
      expect(new Set(added.map((a) => a.id)).size).toBe(3);
      expect(await store.actions.forIncident(incident.id)).toHaveLength(3);
      const events = await store.incidents.events(incident.id);
      expect(events.filter((e) => e.kind === 'action_added')).toHaveLength(3);
    }));
});
