import { describe, expect, it } from 'vitest';
import {
  ACTION_USAGE,
  type ActionCommand,
  parseActionCommand,
} from '../../../src/domain/commands/index.ts';
import { parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseActionCommand, ACTION_USAGE);

function add(text: string, ownerId: string | null = null): ActionCommand {
  return { kind: 'add', text, ownerId, due: null, priority: null };
}

const ID_ERROR = 'Action ids are positive numbers, as shown in `/action list`.';

describe('/action list', () => {
  it.each([
    ['list', 'open'],
    ['List', 'open'],
    [' LIST ', 'open'],
    ['list mine', 'mine'],
    ['list open', 'open'],
    ['list all', 'all'],
    ['LIST Mine', 'mine'],
    ['list\n all ', 'all'],
  ])('lists %j with the %s filter', (text, filter) => {
    expect(command(text)).toEqual({ kind: 'list', filter });
  });

  it.each([
    ['list foo', '`foo`'],
    ['List affected customers', '`affected customers`'],
    ['list mine all', '`mine all`'],
    ['list done', '`done`'],
  ])('rejects %j rather than adding it as an action, and names the filters', (text, got) => {
    const message = error(text);
    expect(message).toContain('`mine`, `open` or `all`');
    expect(message).toContain(`got ${got}`);
  });
});

describe('/action done', () => {
  it.each([
    ['done 12', 12],
    ['done #12', 12],
    ['DONE 7', 7],
    ['  done   #3  ', 3],
    ['done 012', 12],
  ])('marks %j done', (text, id) => {
    expect(command(text)).toEqual({ kind: 'done', id });
  });

  it.each(['Done criteria for the runbook', 'done abc', 'done', 'done 12 and tested', 'done 1.5'])(
    'adds %j as an action because it is not `done <id>`',
    (text) => {
      expect(command(text)).toEqual(add(text));
    },
  );

  it('still takes a trailing owner from an action that starts with done', () => {
    expect(command('Done criteria for the runbook <@U1>')).toEqual(
      add('Done criteria for the runbook', 'U1'),
    );
  });
});

describe('/action assign', () => {
  it.each([
    ['assign 12 <@U1|bob>', 12, 'U1'],
    ['assign #4 <@W9>', 4, 'W9'],
    ['Assign 4 <@U1>', 4, 'U1'],
  ])('assigns %j', (text, id, ownerId) => {
    expect(command(text)).toEqual({ kind: 'assign', id, ownerId });
  });

  it.each(['Assign 2 reviewers to the fix', 'assign reviewers <@U1>', 'assign'])(
    'adds %j as an action because it is not `assign <id> @person`',
    (text) => {
      const result = command(text);
      expect(result.kind).toBe('add');
    },
  );

  it.each([
    ['assign 12 @bob', 'autocomplete'],
    ['assign 12 <#C1|incidents>', 'is a channel'],
    ['assign 12 <!here>', 'is a group mention'],
    ['assign 12 <@U1> please', 'Expected a single @mention of a person'],
    ['assign 12 <@U1> <@U2>', 'Name exactly one person; an action has a single owner.'],
    ['assign 12', 'Say who should own #12, e.g. `/action assign 12 @bob`.'],
  ])('rejects %j', (text, fragment) => {
    expect(error(text)).toContain(fragment);
  });

  it('shows the assign example in the error for a non-mention', () => {
    expect(error('assign 12 <@U1> please')).toBe(
      'Expected a single @mention of a person, e.g. `/action assign 12 @bob`; got `please`.',
    );
  });
});

describe('/action due', () => {
  it.each([
    ['due 12 friday', 12, 'friday'],
    ['due #12 next week', 12, 'next week'],
    ['DUE 3 in 2 weeks', 3, 'in 2 weeks'],
    ['due 3 2026-12-01', 3, '2026-12-01'],
    ['due 3 Tomorrow', 3, 'Tomorrow'],
  ])('sets the due date with %j', (text, id, due) => {
    expect(command(text)).toEqual({ kind: 'due', id, due });
  });

  it('passes date-shaped but invalid text through for later validation', () => {
    expect(command('due 3 2026-02-30')).toEqual({ kind: 'due', id: 3, due: '2026-02-30' });
  });

  it.each(['due 12 fridya', 'due 12 soon'])('rejects %j and lists the accepted forms', (text) => {
    const message = error(text);
    expect(message).toContain("I couldn't read the due date");
    expect(message).toContain('`YYYY-MM-DD`');
    expect(message).toContain('`next week`');
  });

  it('asks for a date when only the id is given', () => {
    expect(error('due 12')).toBe('Say when #12 is due, e.g. `/action due 12 friday`.');
  });

  it.each(['due friday', 'due friday <@U1>'])(
    'asks for action text for %j, which has no id',
    (text) => {
      expect(error(text)).toBe(
        'Say what needs doing, e.g. `/action Add alert on queue depth @bob due friday`.',
      );
    },
  );
});

describe('/action drop', () => {
  it.each([
    ['drop 12 Covered by the new alert', 12, 'Covered by the new alert'],
    ['drop #5  duplicate\n of #4', 5, 'duplicate of #4'],
    ['Drop 5 <@U1> handles it', 5, '<@U1> handles it'],
  ])('drops with %j', (text, id, reason) => {
    expect(command(text)).toEqual({ kind: 'drop', id, reason });
  });

  it.each(['drop', 'drop the old dashboard', 'Drop support for TLS 1.0'])(
    'adds %j as an action because it is not `drop <id> <reason>`',
    (text) => {
      expect(command(text)).toEqual(add(text));
    },
  );

  it('requires a reason', () => {
    expect(error('drop 12')).toBe(
      'Say why #12 is no longer needed, e.g. `/action drop 12 Covered by the new alert`.',
    );
  });

  it('accepts a 500-character reason and rejects a longer one', () => {
    expect(command(`drop 1 ${'r'.repeat(500)}`)).toEqual({
      kind: 'drop',
      id: 1,
      reason: 'r'.repeat(500),
    });
    expect(error(`drop 1 ${'r'.repeat(501)}`)).toBe(
      'Keep the reason to 500 characters or fewer (this one has 501).',
    );
  });
});

describe('action ids', () => {
  it.each([
    'done 0',
    'done -3',
    'done #0',
    'done #-1',
    'done 99999999999999999999',
    'assign 0 <@U1>',
    'due -1 friday',
    'drop 0 no longer needed',
  ])('rejects the id in %j', (text) => {
    expect(error(text)).toBe(ID_ERROR);
  });
});

describe('/action help', () => {
  it.each(['help', 'Help', '  help  '])('shows help for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'help' });
  });

  it('adds an action that starts with help', () => {
    expect(command('help 12')).toEqual(add('help 12'));
  });
});

describe('/action export', () => {
  it('takes export <id> as the export subcommand and anything else as an action', () => {
    expect(parseActionCommand('export 12')).toEqual({
      ok: true,
      command: { kind: 'export', id: 12 },
    });
    expect(parseActionCommand('export #3')).toEqual({
      ok: true,
      command: { kind: 'export', id: 3 },
    });
    const add = parseActionCommand('Export the dashboards');
    expect(add.ok && add.command.kind).toBe('add');
  });
});
