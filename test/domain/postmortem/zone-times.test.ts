import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneTimes } from '../../../src/domain/postmortem/zone-times.ts';
import { formatClock, formatDay, formatTime, formatZone } from '../../../src/domain/time-format.ts';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
// Around the 2026 spring and autumn changes in both hemispheres, every 7 minutes 13 seconds.
const STARTS = [Date.UTC(2026, 2, 28, 20), Date.UTC(2026, 9, 24, 20), Date.UTC(2026, 3, 4, 12)];

describe('zoneTimes', () => {
  it('answers exactly as the time-format functions, across daylight-saving changes', () => {
    for (const zone of ZONES) {
      const times = zoneTimes(zone);
      for (const start of STARTS) {
        for (let at = start; at < start + 36 * 3_600_000; at += 433_000) {
          expect(times.clock(at)).toBe(formatClock(at, zone));
          expect(times.day(at)).toBe(formatDay(at, zone));
          expect(times.zone(at)).toBe(formatZone(at, zone));
          expect(times.time(at)).toBe(formatTime(at, zone));
        }
      }
    }
  });
});

describe('zoneTimes, any instant in any zone', () => {
  const zones = Intl.supportedValuesOf('timeZone');
  // 1900–2100: the arithmetic range and the per-minute fallback before 1972.
  const instant = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('answers exactly as the time-format functions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(instant, { minLength: 1, maxLength: 4 }),
        (zone, ats) => {
          // One instance asked several times, so cached hours are reused across instants.
          const times = zoneTimes(zone);
          for (const at of ats) {
            expect(times.clock(at)).toBe(formatClock(at, zone));
            expect(times.day(at)).toBe(formatDay(at, zone));
            expect(times.time(at)).toBe(formatTime(at, zone));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('answers exactly as the time-format functions around local midnight and the hour', () => {
    // Instants a few seconds either side of whole hours, where the day and hour roll over.
    const nearHour = fc
      .tuple(fc.integer({ min: 400_000, max: 1_100_000 }), fc.integer({ min: -5_000, max: 5_000 }))
      .map(([hour, ms]) => hour * 3_600_000 + ms);
    fc.assert(
      fc.property(fc.constantFrom(...zones), nearHour, (zone, at) => {
        const times = zoneTimes(zone);
        expect(times.clock(at)).toBe(formatClock(at, zone));
        expect(times.day(at)).toBe(formatDay(at, zone));
      }),
      { numRuns: 500 },
    );
  });
});
