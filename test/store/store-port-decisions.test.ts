import { describe, expect, it } from 'vitest';
import { addNote, mitigate } from '../../src/domain/incident.ts';
import type { NewAction } from '../../src/usecases/ports.ts';
import { at } from '../domain/builders.ts';
import { resolvedIncident, storedIncident, useMemoryStore } from '../helpers/store.ts';

// The Store port's decide operations over SQLite (incidents and actions): what each decide
// callback sees, what a refusal or a failure leaves behind (nothing), and what comes back.

const mem = useMemoryStore();

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
    const first = await storedIncident(mem.store);
    expect(await mem.store.incidents.events(first.id)).toEqual([
      expect.objectContaining({ incidentId: first.id, kind: 'declared' }),
    ]);
    const seen: unknown[] = [];
    const second = await mem.store.incidents.open('C0INC', (open) => {
      seen.push(open);
      return { refused: 'already open' };
    });
    expect(second).toEqual({ refused: 'already open' });
    expect(seen).toEqual([first]);
    expect(mem.count('incidents')).toBe(1);
    expect(mem.count('incident_events')).toBe(1);
  });
});

describe('incidents.change', () => {
  it('shows decide the open and the latest incident, and stores the change with its event', async () => {
    await resolvedIncident(mem.store, 9, 10);
    const open = await storedIncident(mem.store);
    const changed = await mem.store.incidents.change('C0INC', (found) => {
      expect(found).toEqual({ open, latest: open });
      return mitigate(open, 'rolled back', 'U0BOB', at(14, 30), null);
    });
    expect(changed).toMatchObject({
      incident: { id: open.id, status: 'mitigated' },
      before: { id: open.id, status: 'declared' },
    });
    expect(await mem.store.incidents.get(open.id)).toMatchObject({ status: 'mitigated' });
    expect((await mem.store.incidents.events(open.id)).map((e) => e.kind)).toEqual([
      'declared',
      'mitigated',
    ]);
  });

  it('writes nothing on a refusal', async () => {
    const open = await storedIncident(mem.store);
    expect(await mem.store.incidents.change('C0INC', () => ({ refused: 'no' }))).toEqual({
      refused: 'no',
    });
    expect(await mem.store.incidents.get(open.id)).toEqual(open);
    expect(mem.count('incident_events')).toBe(1);
  });

  it('refuses a change to an incident it did not read, and writes nothing', async () => {
    await storedIncident(mem.store);
    const elsewhere = await storedIncident(mem.store, { channelId: 'C0OTHER' });
    await expect(
      mem.store.incidents.change('C0INC', () => addNote(elsewhere, 'wrong one', 'U0A', at(15, 0))),
    ).rejects.toThrow("a change must be to the channel's open or latest incident");
    expect(mem.count('incident_events')).toBe(2);
  });

  it('rolls back what it wrote when decide throws', async () => {
    const open = await storedIncident(mem.store);
    await expect(
      mem.store.incidents.change('C0INC', () => {
        throw new Error('a bug in a decision');
      }),
    ).rejects.toThrow('a bug in a decision');
    expect(await mem.store.incidents.get(open.id)).toEqual(open);
    expect(mem.count('incident_events')).toBe(1);
  });
});

describe('actions.add and actions.change', () => {
  it('adds nothing without an incident in the channel', async () => {
    expect(await mem.store.actions.add('C0NONE', () => newAction('x'))).toBeNull();
    expect(mem.count('actions')).toBe(0);
    expect(mem.count('incident_events')).toBe(0);
  });

  it('adds to the latest incident with its event, each action its own id', async () => {
    const incident = await storedIncident(mem.store);
    const first = await mem.store.actions.add('C0INC', (latest) => {
      expect(latest).toEqual(incident);
      return newAction('one');
    });
    const second = await mem.store.actions.add('C0INC', () => newAction('two'));
    expect(first).toMatchObject({ incidentId: incident.id, text: 'one' });
    expect(second?.id).toBeGreaterThan(first?.id ?? Number.POSITIVE_INFINITY);
    expect((await mem.store.incidents.events(incident.id)).map((e) => e.kind)).toEqual([
      'declared',
      'action_added',
      'action_added',
    ]);
  });

  it('changes one action and answers with the incident actions after the change', async () => {
    await storedIncident(mem.store);
    const one = await mem.store.actions.add('C0INC', () => newAction('one'));
    const two = await mem.store.actions.add('C0INC', () => newAction('two'));
    if (!one || !two) throw new Error('not added');
    const done = { ...one, status: 'done' as const, closedAt: at(16, 0), closedBy: 'U0BOB' };
    const changed = await mem.store.actions.change(one.id, () => ({ ok: true, action: done }));
    expect(changed).toEqual({ ok: true, action: done, before: one, incidentActions: [done, two] });
  });

  it('answers null for an unknown action and passes a refusal through, writing nothing', async () => {
    await storedIncident(mem.store);
    const one = await mem.store.actions.add('C0INC', () => newAction('one'));
    expect(await mem.store.actions.change(999, () => ({ ok: false, refused: 'x' }))).toBeNull();
    const refused = await mem.store.actions.change(one?.id ?? 0, () => ({
      ok: false,
      refused: 'no',
    }));
    expect(refused).toEqual({ ok: false, refused: 'no' });
    expect(await mem.store.actions.get(one?.id ?? 0)).toEqual(one);
  });
});
