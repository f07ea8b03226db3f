import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countBlamingLanguage,
  findBlamingLanguage,
  mayBlame,
} from '../../src/domain/postmortem/blameless.ts';
import { BLAME_PATTERNS } from '../../src/domain/postmortem/blameless-patterns.ts';
import { nastyText, settings } from './arbitraries.ts';

// At least one phrase per pattern, so generated text often matches; the hints only matter on
// text that does. Words are re-joined with any separator and mixed with other words and noise.
const BLAME_PHRASES = [
  "it wasn't our fault",
  "Bob's fault",
  'whose fault',
  'fault of',
  'at fault',
  'I blamed ops',
  'human error',
  'operator-error',
  'PEBKAC',
  'should’ve caught',
  'should have known',
  'shouldn’t have deployed',
  'should never have pushed',
  'careless',
  'sloppily',
  'laziness',
  'incompetence',
  'idiotic',
  'who broke',
  'who did this',
  "couldn't be bothered",
  'forgot to',
  'messed it up',
  'f*cked up',
  'screw-up',
  'botched',
  'dropped the ball',
  'asleep at the wheel',
  'rookie mistakes',
  "beginner's error",
  'amateur hour',
  'been more careful',
  'not careful enough',
  'her screwup',
  'my bad',
  'what were they thinking',
  'why would anyone deploy',
  'ignored all warnings',
  'ignoring the runbook',
  'ſhould have ſeen',
];
const OTHER_WORDS = 'no nobody not tolerance free less loading pipe the a ops'.split(' ');
const separator = fc.constantFrom(' ', '  ', '\n', '-', '\t', '’', "'");

const respaced = (phrase: string): fc.Arbitrary<string> => {
  const words = phrase.split(' ');
  return fc
    .array(separator, { minLength: words.length - 1, maxLength: words.length - 1 })
    .map((seps) => words.map((w, i) => w + (seps[i] ?? '')).join(''));
};
const piece = fc.oneof(
  fc.constantFrom(...BLAME_PHRASES).chain(respaced),
  fc.constantFrom(...BLAME_PHRASES).map((p) => p.toUpperCase()),
  fc.constantFrom(...OTHER_WORDS),
  nastyText(1),
);
const blameText = fc
  .array(fc.tuple(piece, separator), { maxLength: 6 })
  .map((parts) => parts.flat().join(''));

describe('blame pattern hints', () => {
  it('hold for every text their pattern matches, and mayBlame for every text any pattern does', () => {
    const matchedBy = new Set<number>();
    fc.assert(
      fc.property(blameText, (text) => {
        BLAME_PATTERNS.forEach(({ pattern, hint }, i) => {
          if (!new RegExp(pattern.source, pattern.flags).test(text)) return;
          matchedBy.add(i);
          expect(hint.test(text), `${hint} on ${JSON.stringify(text)}`).toBe(true);
          expect(mayBlame(text)).toBe(true);
        });
      }),
      settings(401, 3000),
    );
    // Every pattern was reached, or this test could not fail for it.
    expect(matchedBy.size).toBe(BLAME_PATTERNS.length);
  });
});

describe('countBlamingLanguage', () => {
  it('counts exactly the findings findBlamingLanguage makes of any text', () => {
    let found = 0;
    fc.assert(
      fc.property(blameText, (text) => {
        const findings = findBlamingLanguage([{ where: 'Summary', text }]);
        found += findings.length;
        expect(countBlamingLanguage(text)).toBe(findings.length);
      }),
      settings(402, 2000),
    );
    // Texts with findings were drawn, and some with several.
    expect(found).toBeGreaterThan(2000);
  });
});
