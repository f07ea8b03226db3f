import { describe, expect, it } from 'vitest';
import { localDay } from '../../../src/domain/reminders.ts';
import { localDayIn } from '../../../src/domain/stats/local-day.ts';

// The stats' fast calendar day must agree with the reminders' one everywhere it is used: zones
// with odd offsets, both sides of daylight-saving changes and of midnight.

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
];

describe('localDayIn', () => {
  it('gives the day localDay gives, every few hours across two years', () => {
    const start = Date.UTC(2025, 0, 1);
    for (const zone of ZONES) {
      const dayOf = localDayIn(zone);
      for (let at = start; at < start + 2 * 366 * 86_400_000; at += 5 * 3_600_000 + 7_919) {
        expect(dayOf(at), `${zone} at ${at}`).toBe(localDay(at, zone));
      }
    }
  });

  it('changes day at local midnight, not UTC midnight', () => {
    const berlin = localDayIn('Europe/Berlin');
    expect(berlin(Date.UTC(2026, 2, 28, 22, 59, 59, 999))).toBe('2026-03-28');
    expect(berlin(Date.UTC(2026, 2, 28, 23, 0, 0))).toBe('2026-03-29');
    const newYork = localDayIn('America/New_York');
    expect(newYork(Date.UTC(2026, 10, 1, 3, 59))).toBe('2026-10-31');
    expect(newYork(Date.UTC(2026, 10, 1, 4, 0))).toBe('2026-11-01');
  });

  it('writes early years with four digits', () => {
    expect(localDayIn('UTC')(Date.UTC(999, 0, 2))).toBe('0999-01-02');
  });
});
