import { describe, expect, it } from 'vitest';
import { planSuggestions, planTags } from '../../../src/domain/description/plan.ts';
import type { Store } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { newAction } from './action-fixtures.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// Tags with their sources, the category and action purposes on every engine: a removed tag is
// kept so suggestions never bring it back, and a person can add it again.

describe.each(ENGINES)('descriptions ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });
  const service = (value: string) => ({ key: 'service', value });
  const tag = (tags: Array<{ key: string; value: string }>, max?: number) =>
    store.descriptions.tag('C0INC', (live) => planTags(live, tags, max), 'U0ALICE', at(14, 20));
  const suggest = (incidentId: number, values: string[]) =>
    store.descriptions.suggest(
      incidentId,
      (seen, live) =>
        planSuggestions(
          seen,
          live,
          values.map((v) => ({ ...service(v), source: 'alert:service' })),
        ),
      at(14, 30),
    );

  it('adds, lists with sources, removes for good against suggestions, and revives by a person', async () => {
    const { id } = await storedIncident(store, { channelId: 'C0INC' });
    expect(await tag([service('checkout'), { key: '', value: 'flaky' }])).toMatchObject({
      added: [service('checkout'), { key: '', value: 'flaky' }],
    });
    expect(await tag([service('checkout')])).toMatchObject({ added: [] });
    expect(await suggest(id, ['cart', 'checkout'])).toEqual([
      { ...service('cart'), source: 'alert:service' },
    ]);
    expect((await store.descriptions.describe(id)).tags).toEqual([
      { ...service('checkout'), source: 'person', addedBy: 'U0ALICE', addedAt: at(14, 20) },
      { key: '', value: 'flaky', source: 'person', addedBy: 'U0ALICE', addedAt: at(14, 20) },
      { ...service('cart'), source: 'alert:service', addedBy: null, addedAt: at(14, 30) },
    ]);
    expect(await store.descriptions.knownServices()).toEqual(['cart', 'checkout']);

    expect(
      await store.descriptions.untag('C0INC', service('cart'), 'U0BOB', at(14, 40)),
    ).toMatchObject({
      removed: true,
    });
    expect(
      await store.descriptions.untag('C0INC', service('cart'), 'U0BOB', at(14, 41)),
    ).toMatchObject({
      removed: false,
    });
    expect(await suggest(id, ['cart'])).toEqual([]);
    expect((await store.descriptions.describe(id)).tags.map((t) => t.value)).toEqual([
      'checkout',
      'flaky',
    ]);
    await tag([service('cart')]);
    expect((await store.descriptions.describe(id)).tags.at(-1)).toMatchObject({
      ...service('cart'),
      source: 'person',
    });
  });

  it('refuses tags past the limit and stores nothing; null without an incident', async () => {
    const { id } = await storedIncident(store, { channelId: 'C0INC' });
    await tag([service('a'), service('b')], 2);
    expect(await tag([service('c')], 2)).toMatchObject({ refused: expect.any(String) });
    expect((await store.descriptions.describe(id)).tags).toHaveLength(2);
    expect(
      await store.descriptions.tag('C0NONE', () => ({ ok: true, add: [] }), 'U0A', 1),
    ).toBeNull();
    expect(await store.descriptions.untag('C0NONE', service('a'), 'U0A', 1)).toBeNull();
    expect(await store.descriptions.setCategory('C0NONE', 'deploy')).toBeNull();
  });

  it('keeps one category and each action purpose, set at add or later', async () => {
    const { id } = await storedIncident(store, { channelId: 'C0INC' });
    expect(await store.descriptions.setCategory('C0INC', 'config')).toMatchObject({ before: null });
    expect(await store.descriptions.setCategory('C0INC', 'deploy')).toMatchObject({
      before: 'config',
    });
    const first = await store.actions.add('C0INC', () => ({
      ...newAction('Alert on lag'),
      purpose: 'detect',
    }));
    const second = await store.actions.add('C0INC', () => newAction('Pin the version'));
    if (!first || !second) throw new Error('no actions');
    expect(await store.descriptions.setPurpose(second.id, 'prevent')).toMatchObject({
      before: null,
    });
    expect(await store.descriptions.setPurpose(9999, 'prevent')).toBeNull();
    const described = await store.descriptions.describe(id);
    expect(described.category).toBe('deploy');
    expect([...described.purposes]).toEqual([
      [first.id, 'detect'],
      [second.id, 'prevent'],
    ]);
    // The draft's snapshot reads the same, in its one read.
    expect((await store.incidents.snapshot(id))?.description?.category).toBe('deploy');
    expect(await store.descriptions.describe(12345)).toEqual({
      category: null,
      tags: [],
      purposes: new Map(),
    });
  });
});
