import { describe, expect, it } from 'vitest';
import {
  parseActionCommand,
  parseIncidentCommand,
  parseLeadCommand,
  parseUserMention,
} from '../../../src/domain/commands/index.ts';
import { resolveDueDate } from '../../../src/domain/due-dates.ts';
import { looksLikeTime, parseIncidentTime } from '../../../src/domain/incident-time.ts';

// mulberry32: a tiny deterministic PRNG so a failing input can be reproduced from the seed.
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'start',
  'lead',
  'status',
  'mitigated',
  'resolve',
  'started',
  'detected',
  'note',
  'sev',
  'severity',
  'reopen',
  'timeline',
  'by',
  'monitoring',
  'customer',
  'a',
  'ago',
  '15m',
  '1h',
  'min',
  'now',
  '14:05',
  '25:00',
  '2:05pm',
  'pm',
  '2026-11-21T14:05:00Z',
  '+01:00',
  '--channel',
  '—channel',
  '--chanel',
  'help',
  'list',
  'due',
  'in',
  'next',
  'week',
  'friday',
  'fri',
  'tomorrow',
  '3d',
  '2026-02-30',
  '2026-12-01',
  'sev1',
  'sev-4',
  'sev5',
  'SEV',
  '<@U123|alice>',
  '<@W9>',
  '<@',
  '|',
  '>',
  '<',
  '<#C1|x>',
  '<!here>',
  '@bob',
  '&amp;',
  '&lt;',
  '&gt;',
  '&',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u0000',
  '\u200b',
  '\u00a0',
  '`',
  '🔥',
  '👍🏽',
  'é',
  '\ud800',
  '\\',
  '$&',
  '$1',
  '(',
  '[',
  '*',
  '.*',
  'x'.repeat(300),
  '0',
  '365',
  '99999999999999999999',
  'done',
  'assign',
  'drop',
  'mine',
  'all',
  '#12',
  '-3',
  'p1',
  'P3',
  'p4',
  'p99',
];

function randomText(next: () => number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * 12);
  for (let i = 0; i < count; i++) {
    if (next() < 0.2) {
      parts.push(String.fromCharCode(Math.floor(next() * 0x10000)));
    } else {
      parts.push(PIECES[Math.floor(next() * PIECES.length)] ?? '');
    }
    if (next() < 0.6) parts.push(' ');
  }
  return parts.join('');
}

const SUBCOMMANDS = [
  'start',
  'lead',
  'status',
  'started',
  'detected',
  'mitigated',
  'resolve',
  'note',
  'sev',
  'reopen',
  'timeline',
];

const ACTION_PREFIXES = ['list', 'done', 'done #12', 'assign 12', 'due 12', 'drop 12', 'help'];

describe('parsers on arbitrary input', () => {
  const next = prng(20260310);
  const inputs = [
    'x'.repeat(100_000),
    ` ${'<@U1> '.repeat(5_000)}`,
    `start ${'sev1 '.repeat(10_000)}`,
    `${'a due '.repeat(10_000)}friday`,
    `detected ${'1h '.repeat(10_000)}by ${'by '.repeat(10_000)}`,
    `mitigated ${'14:05 '.repeat(10_000)}`,
    `${'1'.repeat(50_000)}m ago`,
    ...Array.from({ length: 400 }, () => randomText(next)),
  ];
  const parsers = [parseIncidentCommand, parseActionCommand, parseLeadCommand];

  it('never throw and always answer ok or an error with usage', () => {
    for (const input of inputs) {
      const texts = [
        input,
        ...SUBCOMMANDS.map((subcommand) => `${subcommand} ${input}`),
        `detected 14:05 by ${input}`,
        `mitigated 14:05 ${input}`,
        ...ACTION_PREFIXES.map((prefix) => `${prefix} ${input}`),
        `${input} p1`,
        `${input} p4`,
      ];
      for (const text of texts) {
        for (const parse of parsers) {
          const result = parse(text);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) {
            expect(result.error.length).toBeGreaterThan(0);
            expect(result.usage.length).toBeGreaterThan(0);
          }
        }
        expect(() => parseUserMention(text)).not.toThrow();
      }
    }
  });

  it('never throw when resolving a due date', () => {
    const now = Date.parse('2026-03-10T20:00:00Z');
    for (const input of inputs) {
      for (const raw of [input, `in ${input}`, `${input} days`]) {
        const result = resolveDueDate(raw, now, 'Asia/Tokyo');
        expect(typeof result.ok).toBe('boolean');
      }
    }
  });

  it('never throw when reading an incident time', () => {
    const now = Date.parse('2026-11-01T06:30:00Z');
    for (const input of inputs) {
      for (const raw of [input, `${input} ago`, `2026-11-01 ${input}`, `${input}pm`]) {
        expect(() => looksLikeTime(raw)).not.toThrow();
        for (const zone of ['America/New_York', 'Asia/Tokyo', input]) {
          const result = parseIncidentTime(raw, now, zone);
          if (result.ok) expect(result.at % 1000).toBe(0);
          else expect(result.error.length).toBeGreaterThan(0);
        }
      }
    }
  });
});
