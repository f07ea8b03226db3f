import { TZDate } from '@date-fns/tz';
import { addYears, format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeDueDate, resolveDueDate } from '../../src/domain/due-dates.ts';
import { looksLikeTime, parseIncidentTime } from '../../src/domain/incident-time.ts';
import {
  anyNow,
  anyZone,
  commandWords,
  LONG_INPUTS,
  nastyText,
  realisticNow,
  settings,
  TIME_ZONES,
} from './arbitraries.ts';

const ERROR_MAX = 600;
const zone = fc.constantFrom(...TIME_ZONES);

const dueText = fc.oneof(
  fc.constantFrom('today', 'tomorrow', 'next week', 'Friday', 'fri', 'SUN', ' in  3d ', 'in 2w'),
  fc.integer({ min: 0, max: 400 }).map((n) => `in ${n} days`),
  fc.integer({ min: 0, max: 60 }).map((n) => `in ${n}w`),
  fc
    .tuple(
      fc.integer({ min: 1990, max: 2200 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
    )
    .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  commandWords(nastyText(2)),
);

function todayIn(now: number, timeZone: string): string {
  return format(new TZDate(now, timeZone), 'yyyy-MM-dd');
}

describe('resolveDueDate', () => {
  it('never throws; refusals are short', () => {
    fc.assert(
      fc.property(dueText, anyNow, anyZone, (raw, now, timeZone) => {
        const result = resolveDueDate(raw, now, timeZone);
        if (!result.ok) expect(result.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }),
      settings(301, 1000),
    );
  });

  it('an accepted date is a real date from today to two years ahead, and looks like a date', () => {
    fc.assert(
      fc.property(dueText, realisticNow, zone, (raw, now, timeZone) => {
        const result = resolveDueDate(raw, now, timeZone);
        if (!result.ok) return;
        const today = todayIn(now, timeZone);
        expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(result.date >= today).toBe(true);
        const limit = format(addYears(new TZDate(`${today}T12:00:00`, timeZone), 2), 'yyyy-MM-dd');
        expect(result.date <= limit).toBe(true);
        // Otherwise `/action … due <raw>` would treat the date as part of the action text.
        expect(looksLikeDueDate(raw)).toBe(true);
      }),
      settings(302, 1000),
    );
  });

  it('relative forms, weekdays and tomorrow are strictly in the future of now', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tomorrow', 'next week', 'monday', 'fri', 'in 1d', 'in 3 days', 'in 2w'),
        realisticNow,
        zone,
        (raw, now, timeZone) => {
          const result = resolveDueDate(raw, now, timeZone);
          expect(result.ok).toBe(true);
          if (result.ok) expect(result.date > todayIn(now, timeZone)).toBe(true);
        },
      ),
      settings(303, 1000),
    );
  });

  it('answers 100k-character input in bounded time', () => {
    for (const long of LONG_INPUTS) {
      const result = resolveDueDate(long, 1_800_000_000_000, 'UTC');
      expect(result.ok).toBe(false);
      looksLikeDueDate(long);
    }
  });
});

const timeText = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 70 }))
    .map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 0, max: 13 }), fc.constantFrom('am', 'pm', ' PM'))
    .map(([h, ap]) => `${h}${ap}`),
  fc.integer({ min: 0, max: 50_000 }).map((n) => `${n}m ago`),
  fc.constantFrom('now', '1h 30m ago', '14:05 UTC', '2pm gmt', '2026-11-21T14:05:00Z'),
  fc.constantFrom('2026-11-21 14:05', '2026-02-30 10:00', '2026-11-21T14:05+25:00', '99:99'),
  commandWords(nastyText(2)),
);

describe('parseIncidentTime', () => {
  it('never throws; refusals are short', () => {
    fc.assert(
      fc.property(timeText, anyNow, anyZone, (raw, now, timeZone) => {
        const result = parseIncidentTime(raw, now, timeZone);
        if (!result.ok) expect(result.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }),
      settings(304, 1500),
    );
  });

  it('an accepted time is whole seconds, at most a minute ahead and at most 30 days back', () => {
    fc.assert(
      fc.property(timeText, realisticNow, zone, (raw, now, timeZone) => {
        const result = parseIncidentTime(raw, now, timeZone);
        if (!result.ok) return;
        expect(result.at % 1000).toBe(0);
        expect(result.at - now).toBeLessThanOrEqual(60_000);
        expect(now - result.at).toBeLessThanOrEqual(30 * 86_400_000 + 1000);
        // The command parser relies on this to split `mitigated 14:05 note` correctly.
        expect(looksLikeTime(raw)).toBe(true);
      }),
      settings(305, 1500),
    );
  });

  it('a clock time reads back as that wall time, within the last day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        realisticNow,
        zone,
        (hour, minute, now, timeZone) => {
          const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const result = parseIncidentTime(hhmm, now, timeZone);
          // A wall time skipped by a spring-forward change is the one refusal allowed here.
          if (!result.ok) {
            expect(result.error).toMatch(/did not exist/);
            return;
          }
          expect(format(new TZDate(result.at, timeZone), 'HH:mm')).toBe(hhmm);
          expect(now - result.at).toBeLessThanOrEqual(25 * 3_600_000 + 60_000);
        },
      ),
      settings(306, 1000),
    );
  });

  it('answers 100k-character input in bounded time', () => {
    for (const long of LONG_INPUTS) {
      const result = parseIncidentTime(long, 1_800_000_000_000, 'UTC');
      expect(result.ok).toBe(false);
      looksLikeTime(long);
    }
  });
});
