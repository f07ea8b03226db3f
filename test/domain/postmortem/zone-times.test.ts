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
