import { describe, expect, it } from 'vitest';
import { dueSlot, parseWeeklySchedule, slotOfWeek } from '../../../src/domain/stats/schedule.ts';
import { parseStatsWindow, windowBounds } from '../../../src/domain/stats/window.ts';

describe('parseStatsWindow', () => {
  it('reads day counts and all', () => {
    expect(parseStatsWindow('90d')).toEqual({ ok: true, window: { label: '90d', days: 90 } });
    expect(parseStatsWindow('ALL')).toEqual({ ok: true, window: { label: 'all', days: null } });
  });

  it.each(['0d', '3w', 'week', '-7d', '99999d', '7'])(
    'refuses %s with the accepted forms',
    (text) => {
      const parsed = parseStatsWindow(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('7d, 30d, 90d, 365d');
    },
  );

  it('ends the window now and starts it the given days before', () => {
    const now = Date.UTC(2026, 10, 21);
    expect(windowBounds({ label: '7d', days: 7 }, now)).toEqual({
      since: now - 7 * 86_400_000,
      until: now,
    });
    expect(windowBounds({ label: 'all', days: null }, now).since).toBeNull();
  });
});

describe('parseWeeklySchedule', () => {
  it('reads a weekday and a time', () => {
    const parsed = parseWeeklySchedule('Monday 9:00');
    expect(parsed).toEqual({ ok: true, schedule: { isoDay: 1, minute: 540, label: 'mon 09:00' } });
    expect(parseWeeklySchedule('fri 17:30')).toMatchObject({
      schedule: { isoDay: 5, minute: 1050 },
    });
  });

  it.each(['mon', '09:00', 'mo 09:00', 'funday 09:00', 'mon 24:00', 'mon 9:60', 'mon 9'])(
    'refuses %s with an example',
    (text) => {
      const parsed = parseWeeklySchedule(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('"mon 09:00"');
    },
  );
});

describe('the weekly slot', () => {
  const monday9 = { isoDay: 1, minute: 540, label: 'mon 09:00' };

  it('is this ISO week’s weekday and time in the zone, looking back seven days', () => {
    // Wednesday 2026-11-25 12:00 UTC; Berlin is UTC+1 in November.
    const slot = slotOfWeek(monday9, Date.UTC(2026, 10, 25, 12), 'Europe/Berlin');
    expect(slot).toEqual({
      week: '2026-W48',
      at: Date.UTC(2026, 10, 23, 8),
      since: Date.UTC(2026, 10, 16, 8),
    });
  });

  it('is due from its time on, not before', () => {
    const at = Date.UTC(2026, 10, 23, 9);
    expect(dueSlot(monday9, at - 1, 'UTC')).toBeNull();
    expect(dueSlot(monday9, at, 'UTC')?.week).toBe('2026-W48');
    // Sunday night is still the same ISO week.
    expect(dueSlot(monday9, Date.UTC(2026, 10, 29, 23, 59), 'UTC')?.week).toBe('2026-W48');
  });

  it('keeps the wall time across a daylight-saving change', () => {
    // Berlin leaves summer time on Sunday 2026-10-25.
    const slot = slotOfWeek(monday9, Date.UTC(2026, 9, 27, 12), 'Europe/Berlin');
    expect(slot.at).toBe(Date.UTC(2026, 9, 26, 8));
    expect(slot.since).toBe(Date.UTC(2026, 9, 19, 7));
  });
});
