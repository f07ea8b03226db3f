import { describe, expect, it } from 'vitest';
import {
  INCIDENT_USAGE,
  type IncidentCommand,
  parseIncidentCommand,
} from '../../../src/domain/commands/index.ts';

function command(text: string): IncidentCommand {
  const result = parseIncidentCommand(text);
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(text)}: ${result.error}`);
  return result.command;
}

function error(text: string): string {
  const result = parseIncidentCommand(text);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  expect(result.usage).toBe(INCIDENT_USAGE);
  return result.error;
}

describe('parseIncidentCommand', () => {
  it.each(['', '   ', '\n', 'help', 'HELP', ' Help ', 'help me'])('shows help for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'help' });
  });

  describe('start', () => {
    it.each([
      ['start Checkout errors sev2', 'Checkout errors', 'sev2'],
      ['START Checkout errors SEV3', 'Checkout errors', 'sev3'],
      ['start Checkout errors sev-1', 'Checkout errors', 'sev1'],
      ['start Checkout errors Sev-4', 'Checkout errors', 'sev4'],
      ['start Checkout errors', 'Checkout errors', null],
      ['start Checkout', 'Checkout', null],
    ] as const)('parses %j', (text, title, severity) => {
      expect(command(text)).toEqual({ kind: 'start', title, severity });
    });

    it('takes severity only from the last word', () => {
      expect(command('start sev2 errors in checkout')).toEqual({
        kind: 'start',
        title: 'sev2 errors in checkout',
        severity: null,
      });
      expect(command('start Checkout sev2 errors sev1')).toEqual({
        kind: 'start',
        title: 'Checkout sev2 errors',
        severity: 'sev1',
      });
    });

    it('keeps words that only resemble a severity in the title', () => {
      expect(command('start Checkout errors SEV 1')).toEqual({
        kind: 'start',
        title: 'Checkout errors SEV 1',
        severity: null,
      });
      expect(command('start Several errors sev')).toMatchObject({ title: 'Several errors sev' });
      expect(command('start Errors since sev2x')).toMatchObject({ title: 'Errors since sev2x' });
    });

    it('collapses runs of spaces and newlines in the title', () => {
      expect(command('  start   Checkout\n\n  errors\t sev2  ')).toEqual({
        kind: 'start',
        title: 'Checkout errors',
        severity: 'sev2',
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
      expect(command(`start ${title} sev2`)).toEqual({ kind: 'start', title, severity: 'sev2' });
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

  describe('lead', () => {
    it.each([
      ['lead <@U123ABC|alice>', 'U123ABC'],
      ['lead <@U123ABC>', 'U123ABC'],
      ['LEAD   <@W42|bob>  ', 'W42'],
      ['lead\n<@U9>', 'U9'],
    ])('parses %j', (text, userId) => {
      expect(command(text)).toEqual({ kind: 'lead', userId });
    });

    it('asks who when no one is named', () => {
      expect(error('lead')).toBe('Say who should lead, e.g. `/incident lead @alice`.');
    });

    it('explains how to link a plain @name', () => {
      const message = error('lead @alice');
      expect(message).toContain('`@alice` is not a linked mention');
      expect(message).toContain('autocomplete');
    });

    it.each([
      ['lead <@U1> <@U2>', 'exactly one person'],
      ['lead <@U1> please', '`please`'],
      ['lead alice', '`alice`'],
      ['lead <#C123|general>', 'is a channel, not a person'],
      ['lead <!here>', 'is a group mention'],
      ['lead <!subteam^S123|oncall>', 'is a group mention'],
    ])('rejects %j', (text, fragment) => {
      expect(error(text)).toContain(fragment);
    });
  });

  describe('status', () => {
    it('takes the rest of the text as the status', () => {
      expect(command('status Rolled back to v142')).toEqual({
        kind: 'status',
        text: 'Rolled back to v142',
      });
    });

    it('keeps line breaks inside a status update', () => {
      expect(command('Status  Rolled back.\nWatching error rate. ')).toEqual({
        kind: 'status',
        text: 'Rolled back.\nWatching error rate.',
      });
    });

    it.each(['status', 'status   \n'])('requires text in %j', (text) => {
      expect(error(text)).toBe(
        'Say what the status is, e.g. `/incident status Rolled back to v142`.',
      );
    });
  });

  describe('mitigated and resolve', () => {
    it.each([
      ['mitigated', { kind: 'mitigated', note: null }],
      ['mitigate', { kind: 'mitigated', note: null }],
      ['MITIGATED   ', { kind: 'mitigated', note: null }],
      ['mitigated Traffic failed over', { kind: 'mitigated', note: 'Traffic failed over' }],
      ['mitigate Traffic failed over', { kind: 'mitigated', note: 'Traffic failed over' }],
      ['resolve', { kind: 'resolve', note: null }],
      ['resolved', { kind: 'resolve', note: null }],
      ['Resolve Root cause fixed', { kind: 'resolve', note: 'Root cause fixed' }],
      [
        'resolved  Root cause fixed\nin v143',
        { kind: 'resolve', note: 'Root cause fixed\nin v143' },
      ],
    ] as const)('parses %j with an optional note', (text, expected) => {
      expect(command(text)).toEqual(expected);
    });
  });

  describe('unknown subcommands', () => {
    it('names the unknown subcommand', () => {
      expect(error('declare Checkout errors')).toBe('Unknown subcommand `declare`.');
      expect(error('<@U1>')).toBe('Unknown subcommand `<@U1>`.');
    });

    it('echoes a hostile subcommand shortened and without backticks', () => {
      const message = error(`${'`'.repeat(3)}${'x'.repeat(100)}`);
      expect(message).toBe(`Unknown subcommand \`${'x'.repeat(40)}…\`.`);
    });
  });
});
