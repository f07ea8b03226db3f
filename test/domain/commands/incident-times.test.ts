import { describe, expect, it } from 'vitest';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../src/domain/commands/index.ts';
import { parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseIncidentCommand, INCIDENT_USAGE);

describe('parseIncidentCommand with times', () => {
  describe('started', () => {
    it.each([
      ['started 13:40', '13:40'],
      ['STARTED  2026-11-21\n13:40 ', '2026-11-21 13:40'],
      ['started 1h 30m ago', '1h 30m ago'],
      // Validated later, against the clock and the zone.
      ['started 25:00', '25:00'],
      ['started around lunch', 'around lunch'],
    ])('takes %j as the raw time, spaces collapsed', (text, time) => {
      expect(command(text)).toEqual({ kind: 'started', time });
    });

    it.each(['started', 'started  \n'])('requires a time in %j', (text) => {
      expect(error(text)).toBe('Say when impact started, e.g. `/incident started 13:40`.');
    });
  });

  describe('detected', () => {
    it.each([
      ['detected 13:52', '13:52', null],
      ['detected 13:52 by monitoring', '13:52', { kind: 'monitoring' }],
      ['detected 13:52 BY Monitoring', '13:52', { kind: 'monitoring' }],
      ['detected 13:52 by customer', '13:52', { kind: 'customer' }],
      ['detected 13:52 by customers', '13:52', { kind: 'customer' }],
      ['detected 13:52 by a customer', '13:52', { kind: 'customer' }],
      ['detected 13:52 by A  Customer', '13:52', { kind: 'customer' }],
      ['detected 13:52 by <@U1|ann>', '13:52', { kind: 'person', userId: 'U1' }],
      ['detected 13:52 by <@W2>', '13:52', { kind: 'person', userId: 'W2' }],
      ['detected 2026-11-21 13:52 by monitoring', '2026-11-21 13:52', { kind: 'monitoring' }],
      ['detected 15 min ago by customer', '15 min ago', { kind: 'customer' }],
      ['detected 1:52 pm', '1:52 pm', null],
    ] as const)('parses %j', (text, time, by) => {
      expect(command(text)).toEqual({ kind: 'detected', time, by });
    });

    it.each(['detected', 'detected by monitoring', 'detected BY <@U1>'])(
      'requires a time in %j',
      (text) => {
        expect(error(text)).toBe(
          'Say when it was detected, e.g. `/incident detected 13:52 by monitoring`.',
        );
      },
    );

    it('asks who or what when by ends the text', () => {
      expect(error('detected 13:52 by')).toBe(
        'Say who or what detected it after `by`: `monitoring`, `customer` or one @person ' +
          '(e.g. `by @alice`).',
      );
    });

    it.each([
      ['detected 13:52 by alerts', '`alerts`'],
      ['detected 13:52 by the on-call', '`the on-call`'],
      ['detected 13:52 by monitoring today', '`monitoring today`'],
      ['detected 13:52 by customer <@U1>', '`customer <@U1>`'],
      ['detected 13:52 by <@U1> <@U2>', '`<@U1> <@U2>`'],
      ['detected 13:52 by <#C1|alerts>', '`<#C1|alerts>`'],
      ['detected 13:52 by by monitoring', '`by monitoring`'],
    ])('rejects %j, listing the three forms', (text, shown) => {
      expect(error(text)).toBe(
        'After `by`, use `monitoring`, `customer` or one @person (e.g. `by @alice`); ' +
          `got ${shown}.`,
      );
    });

    it('explains how to link a plain @name after by', () => {
      const message = error('detected 13:52 by @alice');
      expect(message).toContain('got `@alice`');
      expect(message).toContain('autocomplete');
    });
  });

  describe('mitigated and resolve', () => {
    it.each([
      ['mitigated', null, null],
      ['mitigate', null, null],
      ['MITIGATED   ', null, null],
      ['mitigated Traffic failed over', null, 'Traffic failed over'],
      ['mitigate Traffic failed over', null, 'Traffic failed over'],
      ['mitigated 14:05', '14:05', null],
      ['mitigated 14:05 Traffic failed over', '14:05', 'Traffic failed over'],
      ['mitigated 14:05:30 Traffic failed over', '14:05:30', 'Traffic failed over'],
      ['mitigated 2026-11-21 14:05 Traffic failed over', '2026-11-21 14:05', 'Traffic failed over'],
      ['mitigated 2026-11-21T14:05:00Z failed over', '2026-11-21T14:05:00Z', 'failed over'],
      ['mitigated 15m ago Traffic failed over', '15m ago', 'Traffic failed over'],
      ['mitigated 15 min ago', '15 min ago', null],
      ['mitigated 1h 30m ago Traffic failed over', '1h 30m ago', 'Traffic failed over'],
      ['mitigated 2:05 pm Traffic failed over', '2:05 pm', 'Traffic failed over'],
      ['mitigated 2026-11-21 2:05 pm failed over', '2026-11-21 2:05 pm', 'failed over'],
      ['mitigated 2pm', '2pm', null],
      ['mitigated 14:05 UTC failed over', '14:05 UTC', 'failed over'],
      ['mitigated now', 'now', null],
    ] as const)('parses %j into time %j and note %j', (text, time, note) => {
      expect(command(text)).toEqual({ kind: 'mitigated', time, note });
    });

    it.each([
      ['resolve', null, null],
      ['resolved', null, null],
      ['Resolve Root cause fixed', null, 'Root cause fixed'],
      ['resolved  Root cause fixed\nin v143', null, 'Root cause fixed\nin v143'],
      ['resolve 15:30 Root cause fixed\nin v143', '15:30', 'Root cause fixed\nin v143'],
      ['resolve 1h ago', '1h ago', null],
    ] as const)('parses %j into time %j and note %j', (text, time, note) => {
      expect(command(text)).toEqual({ kind: 'resolve', time, note });
    });

    it.each([
      ['mitigated 2 servers restarted', '2 servers restarted'],
      ['mitigated 3h after the deploy', '3h after the deploy'],
      ['mitigated 1h 30m of errors', '1h 30m of errors'],
      ['mitigated 2026-11-21 was a bad day', '2026-11-21 was a bad day'],
      ['mitigated Now serving from eu-west', 'Now serving from eu-west'],
      ['mitigated now serving from eu-west', 'now serving from eu-west'],
      ['mitigated Rolled back at 14:05', 'Rolled back at 14:05'],
    ])('keeps leading words that are no time in the note of %j', (text, note) => {
      expect(command(text)).toEqual({ kind: 'mitigated', time: null, note });
    });

    it('passes a time-shaped but impossible time through for later validation', () => {
      expect(command('mitigated 25:00 rolled back')).toEqual({
        kind: 'mitigated',
        time: '25:00',
        note: 'rolled back',
      });
    });

    it('collapses spaces inside the time but keeps the note as typed', () => {
      expect(command('resolve 2026-11-21\n 15:30   Fixed.\n\nFollow-ups filed.')).toEqual({
        kind: 'resolve',
        time: '2026-11-21 15:30',
        note: 'Fixed.\n\nFollow-ups filed.',
      });
    });
  });
});
