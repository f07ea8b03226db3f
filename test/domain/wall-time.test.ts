import { describe, expect, it } from 'vitest';
import { instantsOf, naiveMs, previousDay, wallTimeAt } from '../../src/domain/wall-time.ts';

const iso = (at: number) => new Date(at).toISOString();

describe('instantsOf', () => {
  it('finds the single instant of an ordinary wall time', () => {
    const wall = { year: 2026, month: 7, day: 1, hour: 9, minute: 30, second: 15 };
    expect(instantsOf(wall, 'Europe/Berlin').map(iso)).toEqual(['2026-07-01T07:30:15.000Z']);
    expect(instantsOf(wall, 'Asia/Kolkata').map(iso)).toEqual(['2026-07-01T04:00:15.000Z']);
  });

  it('finds none for a wall time skipped by a spring-forward change', () => {
    const wall = { year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 };
    expect(instantsOf(wall, 'Europe/Berlin')).toEqual([]);
  });

  it('finds both instants, earliest first, for a wall time repeated by a fall-back change', () => {
    const wall = { year: 2026, month: 11, day: 1, hour: 1, minute: 30, second: 0 };
    expect(instantsOf(wall, 'America/New_York').map(iso)).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:30:00.000Z',
    ]);
  });
});

describe('wallTimeAt', () => {
  it('reads the clock in the zone', () => {
    expect(wallTimeAt(Date.parse('2026-11-20T15:10:05Z'), 'Asia/Tokyo')).toEqual({
      year: 2026,
      month: 11,
      day: 21,
      hour: 0,
      minute: 10,
      second: 5,
    });
  });
});

describe('naiveMs', () => {
  it('keeps years below 100 as written', () => {
    const wall = { year: 99, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
    expect(new Date(naiveMs(wall)).getUTCFullYear()).toBe(99);
  });
});

describe('previousDay', () => {
  it.each([
    [
      { year: 2026, month: 3, day: 1 },
      { year: 2026, month: 2, day: 28 },
    ],
    [
      { year: 2028, month: 3, day: 1 },
      { year: 2028, month: 2, day: 29 },
    ],
    [
      { year: 2027, month: 1, day: 1 },
      { year: 2026, month: 12, day: 31 },
    ],
  ])('goes from %j to %j', (day, expected) => {
    expect(previousDay(day)).toEqual(expected);
  });
});
