import { describe, expect, it } from 'vitest';
import { longTurns, type Profile } from '../../bench/profile-gaps.ts';

// bench/profile-gaps.ts reads a profiled server's long event-loop turns against its samples.

const frame = (functionName: string) => ({
  functionName,
  url: 'file:///app/src/usecases/publish-draft.ts',
  lineNumber: 9,
});

// root > publish > hash, and root > (garbage collector); samples 1 ms apart from t = 1,000 µs.
const profile: Profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4] },
    { id: 2, callFrame: frame('publish'), children: [3] },
    { id: 3, callFrame: frame('hash') },
    { id: 4, callFrame: frame('(garbage collector)') },
  ],
  startTime: 0,
  endTime: 20_000,
  samples: [3, 3, 3, 4, 3, 4, 4, 2, 2, 2],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe('the long turns of a profile', () => {
  it('ranks the turns by length and says what ran in each, by self time and by stack', () => {
    // Samples at 1,000 … 10,000 µs: the first turn holds the first five, the second the last three.
    const turns = longTurns(profile, [
      [8_000, 10_000],
      [1_000, 5_000],
      // Outside the profile: left out.
      [30_000, 90_000],
    ]);
    expect(turns.map((t) => t.ms)).toEqual([4, 2]);
    expect(turns[0]?.self).toEqual([
      ['hash usecases/publish-draft.ts:10', 4],
      ['(garbage collector) usecases/publish-draft.ts:10', 1],
    ]);
    expect(turns[0]?.stacks[0]).toEqual([
      '(root) usecases/publish-draft.ts:10 > publish usecases/publish-draft.ts:10 > hash usecases/publish-draft.ts:10',
      4,
    ]);
    expect(turns[1]?.self).toEqual([['publish usecases/publish-draft.ts:10', 2]]);
  });

  it('keeps only the longest `top`', () => {
    const gaps: [number, number][] = [
      [1_000, 2_000],
      [3_000, 6_000],
      [7_000, 9_000],
    ];
    expect(longTurns(profile, gaps, 2).map((t) => t.ms)).toEqual([3, 2]);
  });
});
