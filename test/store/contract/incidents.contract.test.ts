import { describe, expect, it } from 'vitest';
import { addNote, isRefusal, mitigate, reopen, resolve } from '../../../src/domain/incident.ts';
import type { Incident } from '../../../src/domain/types.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { resolvedIncident, storedIncident } from '../../helpers/store.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';
import { declaring } from './incident-fixtures.ts';

// IncidentStore on every engine: the reads, declaring and changing (one decision at a time per
// channel when two replicas ask at once), privacy, and nothing written on a refusal, a wrong
// change or a failing decision.

describe.each(ENGINES)('incidents ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  describe('reads', () => {
    it('find nothing in an empty store', async () => {
      expect(await store.incidents.findOpenInChannel('C0INC')).toBeNull();
      expect(await store.incidents.findLatestInChannel('C0INC')).toBeNull();
      expect(await store.incidents.findLatestByChannelName('inc-checkout')).toBeNull();
      expect(await store.incidents.get(1)).toBeNull();
      expect(await store.incidents.listOpen()).toEqual([]);
      expect(await store.incidents.events(1)).toEqual([]);
    });

    it('tell the open incident from the latest, and the newest of a reused channel name', async () => {
      const old = await resolvedIncident(store, 9, 10);
      const open = await storedIncident(store, { declaredAt: at(11, 0), isPrivate: true });
      const elsewhere = await storedIncident(store, { channelId: 'C0OTHER', channelName: 'x' });
      expect(await store.incidents.findOpenInChannel('C0INC')).toEqual(open);
      expect(await store.incidents.findLatestInChannel('C0INC')).toEqual(open);
      expect(await store.incidents.findLatestByChannelName('inc-checkout')).toEqual(open);
      expect(await store.incidents.get(old.id)).toEqual(old);
      expect(await store.incidents.listOpen()).toEqual([open, elsewhere]);
      expect(open).toMatchObject({ isPrivate: true, leadId: null, mitigatedAt: null });
      expect(old.isPrivate).toBe(false);
    });

    it('take the higher id when two incidents were declared at the same moment', async () => {
      await storedIncident(store, { status: 'resolved', resolvedAt: at(15, 0) });
      const second = await storedIncident(store, { status: 'resolved', resolvedAt: at(16, 0) });
      expect(await store.incidents.findLatestInChannel('C0INC')).toEqual(second);
    });
  });

  describe('open', () => {
    it('stores the incident with its declared event under a new id, whatever id decide gave', async () => {
      const saved = await store.incidents.open('C0INC', (open) => {
        expect(open).toBeNull();
        const declared = declaring('C0INC')(open);
        if (isRefusal(declared)) throw new Error(declared.refused);
        return { ...declared, incident: { ...declared.incident, id: 999 } };
      });
      if (isRefusal(saved)) throw new Error(saved.refused);
      expect(saved.id).not.toBe(999);
      expect(await store.incidents.get(saved.id)).toEqual(saved);
      expect(await store.incidents.events(saved.id)).toEqual([
        {
          incidentId: saved.id,
          kind: 'declared',
          at: at(14, 5),
          actorId: 'U0ALICE',
          text: 'Checkout returns 500s',
          subjectId: null,
          valueAt: null,
        },
      ]);
    });

    it('shows the next caller the open incident, and stores nothing on its refusal', async () => {
      const first = await storedIncident(store);
      const second = await store.incidents.open('C0INC', declaring('C0INC', 'again'));
      expect(second).toMatchObject({ refused: expect.stringContaining('already has an open') });
      expect(await store.incidents.listOpen()).toEqual([first]);
      expect(await store.incidents.events(first.id)).toHaveLength(1);
    });

    it('stores nothing when decide throws', async () => {
      await expect(
        store.incidents.open('C0INC', () => {
          throw new Error('a bug in a decision');
        }),
      ).rejects.toThrow('a bug in a decision');
      expect(await store.incidents.findLatestInChannel('C0INC')).toBeNull();
    });

    it('makes one incident when two ask at the same moment in one channel', async () => {
      const answers = await Promise.all([
        store.incidents.open('C0INC', declaring('C0INC', 'first')),
        store.incidents.open('C0INC', declaring('C0INC', 'second')),
      ]);
      const made = answers.filter((a): a is Incident => !isRefusal(a));
      expect(made).toHaveLength(1);
      expect(answers.filter(isRefusal)).toHaveLength(1);
      expect(await store.incidents.listOpen()).toEqual(made);
      expect(await store.incidents.events(made[0]?.id ?? 0)).toHaveLength(1);
    });

    it('declares in different channels at the same moment, each its own incident', async () => {
      const channels = ['C0A', 'C0B', 'C0C', 'C0D'];
      const answers = await Promise.all(channels.map((c) => store.incidents.open(c, declaring(c))));
      expect(answers.every((a) => !isRefusal(a))).toBe(true);
      expect((await store.incidents.listOpen()).map((i) => i.channelId).sort()).toEqual(channels);
      expect(new Set(answers.map((a) => (a as Incident).id)).size).toBe(4);
    });
  });

  describe('change', () => {
    it('shows decide the open and the latest incident, and stores the change with its event', async () => {
      await resolvedIncident(store, 9, 10);
      const open = await storedIncident(store);
      const changed = await store.incidents.change('C0INC', (found) => {
        expect(found).toEqual({ open, latest: open });
        return mitigate(open, 'rolled back', 'U0BOB', at(14, 30), at(14, 20));
      });
      const mitigated = { ...open, status: 'mitigated', mitigatedAt: at(14, 20) };
      expect(changed).toEqual({ incident: mitigated, before: open });
      expect(await store.incidents.get(open.id)).toEqual(mitigated);
      expect((await store.incidents.events(open.id)).at(-1)).toEqual({
        incidentId: open.id,
        kind: 'mitigated',
        at: at(14, 30),
        actorId: 'U0BOB',
        text: 'rolled back',
        subjectId: null,
        valueAt: at(14, 20),
      });
    });

    it('changes the latest incident when none is open, and reopens it', async () => {
      const closed = await storedIncident(store, { status: 'resolved', resolvedAt: at(15, 0) });
      const changed = await store.incidents.change('C0INC', (found) => {
        expect(found).toEqual({ open: null, latest: closed });
        return reopen(closed, 'U0BOB', at(16, 0));
      });
      expect(changed).toMatchObject({ incident: { status: 'declared' }, before: closed });
      expect(await store.incidents.findOpenInChannel('C0INC')).toMatchObject({ id: closed.id });
    });

    it('stores an event alone when the incident itself is unchanged', async () => {
      const open = await storedIncident(store);
      const changed = await store.incidents.change('C0INC', (found) =>
        addNote(found.open as Incident, 'db failover', 'U0BOB', at(14, 40)),
      );
      expect(changed).toEqual({ incident: open, before: open });
      expect((await store.incidents.events(open.id)).map((e) => e.text)).toEqual([
        open.title,
        'db failover',
      ]);
    });

    it('shows decide nothing in a channel without incidents, and stores nothing on a refusal', async () => {
      const seen: unknown[] = [];
      const refused = await store.incidents.change('C0NONE', (found) => {
        seen.push(found);
        return { refused: 'no incident here' };
      });
      expect(refused).toEqual({ refused: 'no incident here' });
      expect(seen).toEqual([{ open: null, latest: null }]);
      expect(await store.incidents.findLatestInChannel('C0NONE')).toBeNull();
    });

    it('refuses a change to an incident it did not read, or a failing decide, and writes nothing', async () => {
      const open = await storedIncident(store);
      const elsewhere = await storedIncident(store, { channelId: 'C0OTHER' });
      await expect(
        store.incidents.change('C0INC', () =>
          mitigate(elsewhere, 'wrong one', 'U0A', at(15, 0), null),
        ),
      ).rejects.toThrow("a change must be to the channel's open or latest incident");
      await expect(
        store.incidents.change('C0INC', () => {
          throw new Error('a bug in a decision');
        }),
      ).rejects.toThrow('a bug in a decision');
      expect(await store.incidents.listOpen()).toEqual([open, elsewhere]);
      expect(await store.incidents.events(open.id)).toHaveLength(1);
      expect(await store.incidents.events(elsewhere.id)).toHaveLength(1);
    });

    it('decides one change at a time: of two mitigations at once, the second sees the first', async () => {
      const open = await storedIncident(store);
      const mitigating = () =>
        store.incidents.change('C0INC', (found) =>
          found.open ? mitigate(found.open, null, 'U0BOB', at(14, 30)) : { refused: 'none open' },
        );
      const answers = await Promise.all([mitigating(), mitigating()]);
      expect(answers.filter(isRefusal)).toEqual([
        { refused: expect.stringContaining('already marked mitigated') },
      ]);
      expect((await store.incidents.events(open.id)).map((e) => e.kind)).toEqual([
        'declared',
        'mitigated',
      ]);
    });

    it('never leaves two incidents open when a reopen and a declaration race', async () => {
      const closed = await storedIncident(store, { status: 'resolved', resolvedAt: at(15, 0) });
      const answers = await Promise.all([
        store.incidents.change('C0INC', (found) =>
          found.open ? { refused: 'one is open' } : reopen(closed, 'U0BOB', at(16, 0)),
        ),
        store.incidents.open('C0INC', declaring('C0INC', 'new one')),
      ]);
      expect(answers.filter(isRefusal)).toHaveLength(1);
      expect(await store.incidents.listOpen()).toHaveLength(1);
    });
  });

  describe('setPrivate', () => {
    it("records what Slack said about the channel's privacy, and ignores an unknown id", async () => {
      const open = await storedIncident(store);
      await store.incidents.setPrivate(open.id, true);
      expect(await store.incidents.get(open.id)).toEqual({ ...open, isPrivate: true });
      await store.incidents.setPrivate(open.id, false);
      expect(await store.incidents.get(open.id)).toEqual({ ...open, isPrivate: false });
      await store.incidents.setPrivate(open.id + 100, true);
      expect(await store.incidents.get(open.id + 100)).toBeNull();
    });

    it('is kept by a later change of the incident', async () => {
      const open = await storedIncident(store);
      await store.incidents.setPrivate(open.id, true);
      await store.incidents.change('C0INC', (found) =>
        resolve(found.open as Incident, null, 'U0BOB', at(16, 0)),
      );
      expect(await store.incidents.get(open.id)).toMatchObject({
        status: 'resolved',
        isPrivate: true,
      });
    });
  });
});
