import { describe, expect, it } from 'vitest';
import { createClaims } from '../../src/usecases/claims.ts';
import { useMemoryStore } from '../helpers/store.ts';

// Claims.once, the at-most-once step the reminders and the weekly review share (ADR 0013): the
// claim is kept once something went out, and given back when nothing did.

const mem = useMemoryStore();
const T = 1_000_000;
const DAY = 86_400_000;
const replica = (id: string) => ({ id, leaseMs: 60_000 });
const clock = { now: () => T };
const other = () => createClaims(mem.store.claims, clock, replica('B'));

describe('Claims.once', () => {
  it('sends once and keeps the claim, so another replica sends nothing', async () => {
    const a = createClaims(mem.store.claims, clock, replica('A'));
    expect(
      await a.once(
        'k',
        DAY,
        async () => false,
        async () => 'sent',
      ),
    ).toBe('sent');
    let asked = false;
    const again = await other().once(
      'k',
      DAY,
      async () => false,
      async () => {
        asked = true;
        return 'twice';
      },
    );
    expect(again).toBeNull();
    expect(asked).toBe(false);
  });

  it('gives the claim back when nothing went out, when sending threw, or when it was done', async () => {
    const a = createClaims(mem.store.claims, clock, replica('A'));
    expect(
      await a.once(
        'none',
        DAY,
        async () => false,
        async () => null,
      ),
    ).toBeNull();
    await expect(
      a.once(
        'threw',
        DAY,
        async () => false,
        async () => Promise.reject(new Error('slack down')),
      ),
    ).rejects.toThrow('slack down');
    let sent = false;
    expect(
      await a.once(
        'done',
        DAY,
        async () => true,
        async () => {
          sent = true;
          return 'x';
        },
      ),
    ).toBeNull();
    expect(sent).toBe(false);
    for (const key of ['none', 'threw', 'done']) {
      expect(
        await other().once(
          key,
          DAY,
          async () => false,
          async () => key,
        ),
        key,
      ).toBe(key);
    }
  });
});
