import { describe, expect, it } from 'vitest';
import { nearestRank, summarize } from '../../../src/domain/stats/statistics.ts';

describe('summarize', () => {
  it('takes the mean of the two middle values as the median of an even count', () => {
    expect(summarize([40, 10, 30, 20])).toEqual({ median: 25, p90: 40, n: 4 });
  });

  it('takes the middle value of an odd count and leaves unknown values out of n', () => {
    expect(summarize([5, null, 1, 3, null])).toEqual({ median: 3, p90: 5, n: 3 });
  });

  it('has no median or p90 when nothing is known', () => {
    expect(summarize([null, null])).toEqual({ median: null, p90: null, n: 0 });
  });

  it('computes p90 by nearest rank: the ceil(0.9·n)-th smallest value', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([...ten, 11], 90)).toBe(10);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 90)).toBeNull();
  });
});
