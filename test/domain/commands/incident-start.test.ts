import { describe, expect, it } from 'vitest';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../src/domain/commands/index.ts';
import { parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseIncidentCommand, INCIDENT_USAGE);

describe('parseIncidentCommand', () => {
  describe('start', () => {
    it.each([
      ['start Checkout errors sev2', 'Checkout errors', 'sev2'],
      ['START Checkout errors SEV3', 'Checkout errors', 'sev3'],
      ['start Checkout errors sev-1', 'Checkout errors', 'sev1'],
      ['start Checkout errors Sev-4', 'Checkout errors', 'sev4'],
      ['start Checkout errors', 'Checkout errors', null],
      ['start Checkout', 'Checkout', null],
    ] as const)('parses %j', (text, title, severity) => {
      expect(command(text)).toEqual({ kind: 'start', title, severity, newChannel: false });
    });

    it('takes severity only from the last word', () => {
      expect(command('start sev2 errors in checkout')).toEqual({
        kind: 'start',
        title: 'sev2 errors in checkout',
        severity: null,
        newChannel: false,
      });
      expect(command('start Checkout sev2 errors sev1')).toEqual({
        kind: 'start',
        title: 'Checkout sev2 errors',
        severity: 'sev1',
        newChannel: false,
      });
    });

    it('keeps words that only resemble a severity in the title', () => {
      expect(command('start Checkout errors SEV 1')).toEqual({
        kind: 'start',
        title: 'Checkout errors SEV 1',
        severity: null,
        newChannel: false,
      });
      expect(command('start Several errors sev')).toMatchObject({ title: 'Several errors sev' });
      expect(command('start Errors since sev2x')).toMatchObject({ title: 'Errors since sev2x' });
    });

    it('collapses runs of spaces and newlines in the title', () => {
      expect(command('  start   Checkout\n\n  errors\t sev2  ')).toEqual({
        kind: 'start',
        title: 'Checkout errors',
        severity: 'sev2',
        newChannel: false,
      });
    });

    it('keeps the title Slack-encoded as received', () => {
      expect(command('start Search &amp; browse &lt;down&gt;')).toMatchObject({
        title: 'Search &amp; browse &lt;down&gt;',
      });
    });

    it.each(['start', 'start   ', 'start sev2', 'START SEV-1'])(
      'requires a title in %j',
      (text) => {
        expect(error(text)).toBe(
          'Give the incident a title, e.g. `/incident start Checkout errors sev2`',
        );
      },
    );

    it.each([
      'start Checkout sev5',
      'start Checkout sev0',
      'start Checkout SEV-7',
      'start Checkout sev12',
      'start Checkout sev01',
      'start sev9',
    ])('rejects a severity outside 1–4 in %j, naming the valid values', (text) => {
      const message = error(text);
      expect(message).toContain('is not a severity');
      expect(message).toContain('sev1, sev2, sev3 or sev4');
    });

    it('accepts a title of exactly 150 characters', () => {
      const title = 'a'.repeat(150);
      expect(command(`start ${title} sev2`)).toEqual({
        kind: 'start',
        title,
        severity: 'sev2',
        newChannel: false,
      });
    });

    it('rejects a title over 150 characters and says the limit', () => {
      expect(error(`start ${'a'.repeat(151)}`)).toBe(
        'Keep the title to 150 characters or fewer (this one has 151).',
      );
    });

    it('counts an entity or an emoji as one character towards the limit', () => {
      expect(command(`start ${'a'.repeat(149)}&amp;`)).toMatchObject({ kind: 'start' });
      expect(command(`start ${'🔥'.repeat(150)}`)).toMatchObject({ kind: 'start' });
      expect(error(`start ${'🔥'.repeat(151)}`)).toContain('150 characters');
    });
  });

  describe('start --channel', () => {
    it.each([
      ['start Checkout errors sev2 --channel', 'Checkout errors', 'sev2'],
      ['start --channel Checkout errors sev2', 'Checkout errors', 'sev2'],
      ['start Checkout --channel errors', 'Checkout errors', null],
      ['start Checkout errors --CHANNEL', 'Checkout errors', null],
      ['start Checkout errors sev1 —channel', 'Checkout errors', 'sev1'],
      ['start Checkout errors –channel sev3', 'Checkout errors', 'sev3'],
      ['start --channel Checkout --channel', 'Checkout', null],
    ] as const)(
      'asks for a new channel in %j and drops the flag from the title',
      (text, title, severity) => {
        expect(command(text)).toEqual({ kind: 'start', title, severity, newChannel: true });
      },
    );

    it('reads the severity from the last word left once the flag is removed', () => {
      expect(command('start Checkout sev2 --channel')).toMatchObject({ severity: 'sev2' });
      expect(error('start Checkout sev5 --channel')).toContain('`sev5` is not a severity');
    });

    it('keeps words that only contain the flag in the title', () => {
      expect(command('start Checkout x--channel')).toMatchObject({
        title: 'Checkout x--channel',
        newChannel: false,
      });
      expect(command('start Checkout -- payments')).toMatchObject({
        title: 'Checkout -- payments',
        newChannel: false,
      });
    });

    it.each([
      ['start Checkout --chanel', '`--chanel`'],
      ['start --sev2 Checkout', '`--sev2`'],
      ['start Checkout --new-channel', '`--new-channel`'],
    ])('rejects the unknown option in %j', (text, shown) => {
      expect(error(text)).toBe(`Unknown option ${shown}; the only option is \`--channel\`.`);
    });

    it.each(['start --channel', 'start --channel sev2'])('still requires a title in %j', (text) => {
      expect(error(text)).toBe(
        'Give the incident a title, e.g. `/incident start Checkout errors sev2`',
      );
    });
  });
});
