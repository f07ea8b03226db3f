import { describe, expect, it } from 'vitest';
import { incidentChannelName } from '../../src/domain/channel-name.ts';

const T = Date.UTC(2026, 10, 21, 23, 30);

describe('incidentChannelName', () => {
  it('uses the date in the given zone and a slug of the title', () => {
    expect(incidentChannelName('Checkout errors: 500s!', T, 'UTC')).toBe(
      'inc-20261121-checkout-errors-500s',
    );
    expect(incidentChannelName('Checkout errors', T, 'Asia/Tokyo')).toBe(
      'inc-20261122-checkout-errors',
    );
  });

  it('drops accents, mentions and punctuation, and stays within 80 characters', () => {
    expect(incidentChannelName('Café <!channel> DB Überlast', T, 'UTC')).toBe(
      'inc-20261121-cafe-channel-db-uberlast',
    );
    const long = incidentChannelName('x'.repeat(200), T, 'UTC', 12);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('-12')).toBe(true);
  });

  it('numbers later attempts and survives a title with no letters', () => {
    expect(incidentChannelName('DB down', T, 'UTC', 2)).toBe('inc-20261121-db-down-2');
    expect(incidentChannelName('🔥🔥', T, 'UTC')).toBe('inc-20261121');
  });
});
