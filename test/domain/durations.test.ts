import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/domain/durations.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42 * s, '42s'],
    [59 * s + 999, '59s'],
    [m, '1m'],
    [9 * m + 59 * s, '9m'],
    [h, '1h'],
    [h + 5 * m, '1h 5m'],
    [h + 5 * m + 59 * s, '1h 5m'],
    [23 * h + 59 * m, '23h 59m'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d 3h'],
    [2 * d + 3 * h + 59 * m, '2d 3h'],
  ])('formats %i ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('puts a minus sign before negative durations', () => {
    expect(formatDuration(-5 * m)).toBe('-5m');
    expect(formatDuration(-(h + 5 * m + 30 * s))).toBe('-1h 5m');
  });

  it('does not show a negative zero', () => {
    expect(formatDuration(-400)).toBe('0s');
  });
});
