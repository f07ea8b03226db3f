import { describe, expect, it } from 'vitest';
import { INCIDENT_USAGE, parseIncidentCommand } from '../../../src/domain/commands/index.ts';
import { parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseIncidentCommand, INCIDENT_USAGE);

describe('parseIncidentCommand', () => {
  it.each(['', '   ', '\n', 'help', 'HELP', ' Help ', 'help me'])('shows help for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'help' });
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

  describe('note', () => {
    it.each([
      ['note Paused the payments deploy', 'Paused the payments deploy'],
      ['NOTE  Paused deploys.\nWatching queues. ', 'Paused deploys.\nWatching queues.'],
      ['note 14:05 restarted the workers', '14:05 restarted the workers'],
      ['note Asked <@U1|ann> to check &lt;db&gt;', 'Asked <@U1|ann> to check &lt;db&gt;'],
    ])('takes the rest of %j as the note, as typed', (text, note) => {
      expect(command(text)).toEqual({ kind: 'note', text: note });
    });

    it.each(['note', 'note  \n '])('requires text in %j', (text) => {
      expect(error(text)).toBe(
        'Say what to note, e.g. `/incident note Paused the payments deploy`.',
      );
    });

    it('accepts a note of exactly 3000 characters and rejects a longer one', () => {
      expect(command(`note ${'a'.repeat(2999)}🔥`)).toMatchObject({ kind: 'note' });
      expect(error(`note ${'a'.repeat(3001)}`)).toBe(
        'Keep the note to 3000 characters or fewer (this one has 3001).',
      );
    });
  });

  describe('sev', () => {
    it.each([
      ['sev 2', 'sev2'],
      ['sev sev2', 'sev2'],
      ['sev SEV-3', 'sev3'],
      ['severity 2', 'sev2'],
      ['Severity sev1', 'sev1'],
      ['SEV 4', 'sev4'],
      ['sev\n1 ', 'sev1'],
    ] as const)('parses %j', (text, severity) => {
      expect(command(text)).toEqual({ kind: 'sev', severity });
    });

    it.each([
      ['sev 5', '`5`'],
      ['sev 0', '`0`'],
      ['sev 02', '`02`'],
      ['sev sev5', '`sev5`'],
      ['severity high', '`high`'],
      ['sev P1', '`P1`'],
    ])('rejects %j, naming 1 to 4', (text, shown) => {
      expect(error(text)).toBe(`${shown} is not a severity. Use 1, 2, 3 or 4 (or sev1 to sev4).`);
    });

    it('asks for the severity when none is given', () => {
      expect(error('sev')).toBe('Say the new severity, from 1 to 4, e.g. `/incident sev 2`.');
    });

    it('rejects more than one word', () => {
      expect(error('sev 2 customers affected')).toBe(
        'Give one severity, from 1 to 4, e.g. `/incident sev 2`; got `2 customers affected`.',
      );
    });
  });

  describe('reopen and timeline', () => {
    it.each(['reopen', 'REOPEN ', ' Reopen\n'])('parses %j', (text) => {
      expect(command(text)).toEqual({ kind: 'reopen' });
    });

    it('refuses words after reopen rather than losing them', () => {
      expect(error('reopen errors are back')).toBe(
        '`/incident reopen` takes nothing more; say why with `/incident note <text>`.',
      );
    });

    it.each(['timeline', 'Timeline', 'timeline please'])('parses %j', (text) => {
      expect(command(text)).toEqual({ kind: 'timeline' });
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

describe('post-mortem sections and regeneration', () => {
  it.each([
    ['summary A bad push broke checkout', 'summary', 'A bad push broke checkout'],
    ['IMPACT 12% of checkouts failed', 'impact', '12% of checkouts failed'],
    ['cause Pool size default changed', 'cause', 'Pool size default changed'],
    ['learning Canary config too', 'learning', 'Canary config too'],
  ])('parses `%s` into a %s section', (text, section, body) => {
    expect(parseIncidentCommand(text)).toEqual({
      ok: true,
      command: { kind: 'section', section, text: body },
    });
  });

  it('asks for text when a section is empty, with an example', () => {
    const parsed = parseIncidentCommand('impact');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain('/incident impact');
  });

  it('takes postmortem, post-mortem and draft as the regenerate command', () => {
    for (const word of ['postmortem', 'post-mortem', 'draft']) {
      expect(parseIncidentCommand(word)).toEqual({ ok: true, command: { kind: 'postmortem' } });
    }
  });
});
