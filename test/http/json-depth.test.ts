import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from '../../src/http/json-depth.ts';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('nestsDeeperThan', () => {
  it('counts objects and arrays, up to and past the limit', () => {
    expect(nestsDeeperThan(nested(3), 3)).toBe(false);
    expect(nestsDeeperThan(nested(4), 3)).toBe(true);
    expect(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":{"b":[1,{"c":2}]}}', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan(JSON.stringify({ a: '[[[[[[', b: 'say \\"{{{{"' }), 1)).toBe(false);
  });

  it('scans a 100,000-level body without recursion', () => {
    expect(nestsDeeperThan(nested(100_000))).toBe(true);
  });
});
