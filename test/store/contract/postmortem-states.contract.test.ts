import { describe, expect, it } from 'vitest';
import { isRefusal } from '../../../src/domain/incident.ts';
import { FIRST_DRAFT, stepPostmortem } from '../../../src/domain/postmortem-life.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// PostmortemStateStore on every engine: a step stored with its timeline event, by channel or by
// id; a refusal, a missing incident or a failing decision writes nothing; the drafts the
// reminder pass reads.

describe.each(ENGINES)('post-mortem states ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  const resolvedSev2 = (overrides = {}) =>
    storedIncident(store, {
      status: 'resolved',
      severity: 'sev2',
      resolvedAt: at(15, 0),
      ...overrides,
    });

  it('starts as a draft and stores a step with its event, by channel and by id', async () => {
    const incident = await resolvedSev2();
    expect(await store.postmortemStates.of(incident.id)).toEqual(FIRST_DRAFT);
    const reviewed = await store.postmortemStates.change({ channelId: 'C0INC' }, (i, life) =>
      stepPostmortem(i, life, 'review', 'U0BOB', at(16, 0)),
    );
    expect(reviewed).toEqual({
      incident,
      before: FIRST_DRAFT,
      life: { state: 'in_review', at: at(16, 0), by: 'U0BOB', skipReason: null },
    });
    const published = await store.postmortemStates.change({ incidentId: incident.id }, (i, life) =>
      stepPostmortem(i, life, 'publish', 'U0CAROL', at(17, 0)),
    );
    expect(published && !isRefusal(published) && published.before.state).toBe('in_review');
    expect(await store.postmortemStates.of(incident.id)).toEqual({
      state: 'published',
      at: at(17, 0),
      by: 'U0CAROL',
      skipReason: null,
    });
    const events = (await store.incidents.events(incident.id)).map((e) => [e.kind, e.actorId]);
    expect(events).toEqual([
      ['declared', incident.reporterId],
      ['postmortem_in_review', 'U0BOB'],
      ['postmortem_published', 'U0CAROL'],
    ]);
    // The incident itself is untouched.
    expect(await store.incidents.get(incident.id)).toEqual(incident);
  });

  it('keeps a skip reason with the skip and its event', async () => {
    const incident = await resolvedSev2({ severity: 'sev4' });
    await store.postmortemStates.change({ channelId: 'C0INC' }, (i, life) =>
      stepPostmortem(i, life, 'skip', 'U0BOB', at(16, 0), 'One retried job'),
    );
    expect(await store.postmortemStates.of(incident.id)).toMatchObject({
      state: 'skipped',
      skipReason: 'One retried job',
    });
    expect((await store.incidents.events(incident.id)).at(-1)).toMatchObject({
      kind: 'postmortem_skipped',
      text: 'One retried job',
    });
  });

  it('writes nothing on a refusal, a missing incident or a failing decision', async () => {
    const open = await storedIncident(store, { severity: 'sev1' });
    const refused = await store.postmortemStates.change({ channelId: 'C0INC' }, (i, life) =>
      stepPostmortem(i, life, 'publish', 'U0BOB', at(16, 0)),
    );
    expect(refused).toEqual({ refused: expect.stringContaining('still declared') });
    expect(
      await store.postmortemStates.change({ channelId: 'C0NONE' }, () => ({ refused: 'x' })),
    ).toBeNull();
    expect(await store.postmortemStates.change({ incidentId: 999 }, () => ({ refused: 'x' }))).toBe(
      null,
    );
    await expect(
      store.postmortemStates.change({ incidentId: open.id }, () => {
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    expect(await store.postmortemStates.of(open.id)).toEqual(FIRST_DRAFT);
    expect(await store.postmortemStates.of(999)).toBeNull();
    expect((await store.incidents.events(open.id)).map((e) => e.kind)).toEqual(['declared']);
  });

  it('takes the channel latest incident, and steps racing on one incident take turns', async () => {
    await resolvedSev2({ declaredAt: at(9, 0), severity: 'sev3' });
    const latest = await resolvedSev2({ declaredAt: at(11, 0) });
    const step = () =>
      store.postmortemStates.change({ channelId: 'C0INC' }, (i, life) =>
        stepPostmortem(i, life, 'review', 'U0BOB', at(16, 0)),
      );
    const results = await Promise.all([step(), step()]);
    expect(results.filter((r) => r !== null && isRefusal(r))).toHaveLength(1);
    expect(results.find((r) => r !== null && !isRefusal(r))).toMatchObject({
      incident: { id: latest.id },
    });
    const kinds = (await store.incidents.events(latest.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'postmortem_in_review')).toHaveLength(1);
  });

  it('lists resolved sev1/sev2 incidents whose post-mortem is still a draft', async () => {
    const sev1 = await resolvedSev2({ severity: 'sev1', declaredAt: at(8, 0) });
    await resolvedSev2({ severity: 'sev3', declaredAt: at(9, 0) });
    const reviewed = await resolvedSev2({ declaredAt: at(10, 0) });
    await store.postmortemStates.change({ incidentId: reviewed.id }, (i, life) =>
      stepPostmortem(i, life, 'review', 'U0BOB', at(16, 0)),
    );
    const draft = await resolvedSev2({ declaredAt: at(11, 0) });
    await storedIncident(store, { channelId: 'C0OPEN', severity: 'sev1' });
    const drafts = await store.postmortemStates.drafts();
    expect(drafts).toEqual([
      { incident: sev1, life: FIRST_DRAFT },
      { incident: draft, life: FIRST_DRAFT },
    ]);
  });
});
