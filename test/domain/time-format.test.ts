import { TZDate, tzName } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatClock, formatDay, formatTime, formatZone } from '../../src/domain/time-format.ts';
import { at } from './builders.ts';

describe('formatTime', () => {
  it('labels UTC times as UTC', () => {
    expect(formatTime(at(14, 5, 9), 'UTC')).toBe('2026-11-21 14:05:09 UTC');
  });

  it('uses the abbreviation, or the offset where there is no common one', () => {
    expect(formatTime(at(14, 5, 9), 'America/New_York')).toBe('2026-11-21 09:05:09 EST');
    expect(formatTime(at(14, 5, 9), 'Europe/Berlin')).toBe('2026-11-21 15:05:09 GMT+1');
    expect(formatTime(at(14, 5, 9), 'Asia/Kolkata')).toBe('2026-11-21 19:35:09 GMT+5:30');
  });

  it('follows daylight saving time', () => {
    expect(formatTime(Date.UTC(2026, 6, 1, 12), 'America/New_York')).toBe(
      '2026-07-01 08:00:00 EDT',
    );
  });
});

describe('formatClock and formatDay', () => {
  it('give the wall clock and calendar day in the zone', () => {
    expect(formatClock(at(23, 30), 'Asia/Tokyo')).toBe('08:30:00');
    expect(formatDay(at(23, 30), 'Asia/Tokyo')).toBe('2026-11-22');
    expect(formatDay(at(23, 30), 'UTC')).toBe('2026-11-21');
  });
});

describe('formatZone', () => {
  it("names the zone as @date-fns/tz's tzName does, at any instant, in many zones", () => {
    const zones = [
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, instant) => {
          expect(formatZone(instant, zone)).toBe(tzName(zone, new TZDate(instant, zone), 'short'));
        },
      ),
      { seed: 2026, numRuns: 500 },
    );
  });

  it('throws for a zone Intl does not know, as before', () => {
    expect(() => formatZone(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
