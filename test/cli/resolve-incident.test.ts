import { describe, expect, it } from 'vitest';
import { resolveIncident } from '../../src/cli/resolve-incident.ts';
import type { Incident } from '../../src/domain/types.ts';
import { anIncident } from '../domain/builders.ts';

const found = anIncident({ id: 7 });

/** Records which lookup a reference led to. */
function lookups() {
  const calls: string[] = [];
  const repo = {
    get: async (id: number): Promise<Incident | null> => {
      calls.push(`id ${id}`);
      return id === 7 ? found : null;
    },
    findLatestInChannel: async (channelId: string): Promise<Incident | null> => {
      calls.push(`channel ${channelId}`);
      return found;
    },
    findLatestByChannelName: async (name: string): Promise<Incident | null> => {
      calls.push(`name ${name}`);
      return found;
    },
  };
  return { repo, calls };
}

describe('resolveIncident', () => {
  it.each([
    ['7', 'id 7'],
    [' 7 ', 'id 7'],
    ['#inc-checkout', 'name inc-checkout'],
    ['#Inc-Checkout', 'name inc-checkout'],
    // An unquoted # starts a comment in the shell, so the bare name is accepted too.
    ['inc-checkout', 'name inc-checkout'],
    ['C0123ABCD', 'channel C0123ABCD'],
    ['G0PRIVATE1', 'channel G0PRIVATE1'],
  ])('reads %j as a lookup by %s', async (reference, lookup) => {
    const { repo, calls } = lookups();
    expect(await resolveIncident(repo, reference)).toBe(found);
    expect(calls).toEqual([lookup]);
  });

  it('returns null for an unknown id, an id too large to be one, or an empty name', async () => {
    const { repo, calls } = lookups();
    expect(await resolveIncident(repo, '8')).toBeNull();
    expect(await resolveIncident(repo, '99999999999999999999')).toBeNull();
    expect(await resolveIncident(repo, '#')).toBeNull();
    expect(calls).toEqual(['id 8']);
  });
});
