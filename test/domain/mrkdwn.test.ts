import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackTime, slackTimes } from '../../src/domain/mrkdwn.ts';
import { formatDay } from '../../src/domain/time-format.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];

describe('slackTimes', () => {
  it('formats exactly as slackTime and formatDay, for any instant', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instant, fc.boolean(), (zone, at, withDate) => {
        const times = slackTimes(zone);
        expect(times.slackTime(at, withDate)).toBe(slackTime(at, zone, withDate));
        expect(times.dayOf(at)).toBe(formatDay(at, zone));
      }),
      { numRuns: 500 },
    );
  });

  it('formats a day of stamps across a daylight-saving change exactly as slackTime', () => {
    const times = slackTimes('Europe/Berlin');
    for (let at = Date.UTC(2026, 2, 28, 20); at < Date.UTC(2026, 2, 29, 20); at += 97_000) {
      expect(times.slackTime(at, false)).toBe(slackTime(at, 'Europe/Berlin', false));
      expect(times.slackTime(at, true)).toBe(slackTime(at, 'Europe/Berlin', true));
    }
  });
});
