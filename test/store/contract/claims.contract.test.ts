import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/usecases/ports.ts';
import { draftClaimKey } from '../../../src/usecases/store-records.ts';
import { storedIncident } from '../../helpers/store.ts';
import { withPostgres } from './action-races.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// ClaimStore on every engine (ADR 0013): a key is held by one replica until it gives it back or
// its claim lapses; renewal keeps live work; a taker learns whose lapsed claim it took over.

const T = 1_000_000;

describe.each(ENGINES)('claims ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  it('gives a free key to the first taker and to nobody else while the claim stands', async () => {
    expect(await store.claims.take('k', 'A', T, T + 60_000)).toEqual({ lapsedHolder: null });
    expect(await store.claims.take('k', 'B', T + 1, T + 60_001)).toBeNull();
    // Its own standing claim too: a second pass of the same replica must not work it twice.
    expect(await store.claims.take('k', 'A', T + 2, T + 60_002)).toBeNull();
    expect(await store.claims.take('other', 'B', T, T + 60_000)).toEqual({ lapsedHolder: null });
  });

  it('frees a key given back by its holder, and only by its holder', async () => {
    await store.claims.take('k', 'A', T, T + 60_000);
    await store.claims.release('k', 'B');
    expect(await store.claims.take('k', 'B', T + 1, T + 60_001)).toBeNull();
    await store.claims.release('k', 'A');
    expect(await store.claims.take('k', 'B', T + 2, T + 60_002)).toEqual({ lapsedHolder: null });
  });

  it('hands a lapsed claim over and says whose it was', async () => {
    await store.claims.take('k', 'A', T, T + 60_000);
    expect(await store.claims.take('k', 'B', T + 59_999, T + 120_000)).toBeNull();
    expect(await store.claims.take('k', 'B', T + 60_000, T + 120_000)).toEqual({
      lapsedHolder: 'A',
    });
    expect(await store.claims.take('k', 'A', T + 60_001, T + 120_001)).toBeNull();
  });

  it('renews only the holder’s claims, and never shortens one', async () => {
    await store.claims.take('short', 'A', T, T + 10_000);
    await store.claims.take('long', 'A', T, T + 1_000_000);
    await store.claims.take('theirs', 'B', T, T + 10_000);
    expect(await store.claims.renew('A', T + 70_000)).toBe(1);
    expect(await store.claims.take('short', 'C', T + 60_000, T + 61_000)).toBeNull();
    expect(await store.claims.take('long', 'C', T + 500_000, T + 501_000)).toBeNull();
    expect(await store.claims.take('theirs', 'C', T + 10_000, T + 11_000)).toEqual({
      lapsedHolder: 'B',
    });
  });

  it('ends other holders’ lease-length claims at once, keeping whose they were', async () => {
    await store.claims.take('a', 'A', T, T + 60_000);
    await store.claims.take('b', 'B', T, T + 60_000);
    // An at-most-once claim (a reminder day): it outlives the process that took it.
    await store.claims.take('day', 'A', T, T + 8 * 86_400_000);
    expect(await store.claims.voidOthers('B', T + 3_700_000)).toBe(1);
    expect(await store.claims.take('a', 'B', T + 1, T + 60_001)).toEqual({ lapsedHolder: 'A' });
    expect(await store.claims.take('b', 'C', T + 1, T + 60_001)).toBeNull();
    expect(await store.claims.take('day', 'B', T + 1, T + 60_001)).toBeNull();
  });

  it('forgets claims that lapsed before a moment, and only those', async () => {
    await store.claims.take('old', 'A', T, T + 1_000);
    await store.claims.take('live', 'A', T, T + 100_000);
    expect(await store.claims.forgetExpired(T + 50_000)).toBe(1);
    // Forgotten: a later taker no longer learns it was cut off.
    expect(await store.claims.take('old', 'B', T + 60_000, T + 61_000)).toEqual({
      lapsedHolder: null,
    });
    expect(await store.claims.take('live', 'B', T + 60_000, T + 61_000)).toBeNull();
  });

  it('claims a new draft for its writer in the same step as its row', async () => {
    const incident = await storedIncident(store);
    const stored = await store.postmortems.storePending(incident.id, '# Draft', T, {
      claim: { holder: 'A', until: T + 60_000 },
    });
    if (!stored) throw new Error('the draft was not stored');
    expect(await store.claims.take(draftClaimKey(stored.id), 'B', T + 1, T + 2)).toBeNull();
    expect(await store.claims.take(draftClaimKey(stored.id), 'B', T + 60_000, T + 2)).toEqual({
      lapsedHolder: 'A',
    });
  });
});

describe('claims taken at the same moment by replicas (postgres)', () => {
  it('gives each key to exactly one of many takers racing for it', async () => {
    await withPostgres(async ({ store, startedTogether }) => {
      const takers = ['A', 'B', 'C', 'D', 'E'];
      const won = await startedTogether(
        'job_claims',
        takers.map((holder) => () => store.claims.take('k', holder, T, T + 60_000)),
      );
      expect(won.filter((w) => w !== null)).toEqual([{ lapsedHolder: null }]);
    });
  });
});
