import { describe, expect, it } from 'vitest';
import {
  ACTION_USAGE,
  type ActionCommand,
  parseActionCommand,
} from '../../../src/domain/commands/index.ts';

function command(text: string): ActionCommand {
  const result = parseActionCommand(text);
  if (!result.ok) throw new Error(`expected ok for ${JSON.stringify(text)}: ${result.error}`);
  return result.command;
}

function error(text: string): string {
  const result = parseActionCommand(text);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(text)}`);
  expect(result.usage).toBe(ACTION_USAGE);
  return result.error;
}

function add(text: string, ownerId: string | null, due: string | null): ActionCommand {
  return { kind: 'add', text, ownerId, due };
}

describe('parseActionCommand', () => {
  it.each(['', '  \n ', 'help', 'HELP'])('shows help for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'help' });
  });

  it.each(['list', 'List', ' LIST '])('lists actions for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'list' });
  });

  it('treats list or help followed by more words as action text', () => {
    expect(command('List affected customers')).toEqual(add('List affected customers', null, null));
    expect(command('help support with refunds')).toEqual(
      add('help support with refunds', null, null),
    );
  });

  it.each([
    ['Add alert on queue depth', add('Add alert on queue depth', null, null)],
    ['Add alert <@U1|bob>', add('Add alert', 'U1', null)],
    ['Add alert due friday', add('Add alert', null, 'friday')],
    ['Add alert <@U1> due friday', add('Add alert', 'U1', 'friday')],
    ['Add alert due friday <@W2|ann>', add('Add alert', 'W2', 'friday')],
    ['Add alert due 2026-12-01', add('Add alert', null, '2026-12-01')],
    ['Add alert due next week <@U1>', add('Add alert', 'U1', 'next week')],
    ['Add alert <@U1> due in 3d', add('Add alert', 'U1', 'in 3d')],
    ['Add alert due in 3 days', add('Add alert', null, 'in 3 days')],
    ['Add alert DUE Tomorrow', add('Add alert', null, 'Tomorrow')],
  ])('parses %j', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });

  it('keeps a mention inside the action text and takes the trailing one as owner', () => {
    expect(command('Ask <@U1|ann> to rotate keys')).toEqual(
      add('Ask <@U1|ann> to rotate keys', null, null),
    );
    expect(command('Ask <@U1|ann> to rotate keys <@U2|bob>')).toEqual(
      add('Ask <@U1|ann> to rotate keys', 'U2', null),
    );
  });

  it('takes only one owner when mentions surround the due clause', () => {
    expect(command('Pair with <@U1> due friday <@U2>')).toEqual(
      add('Pair with <@U1>', 'U2', 'friday'),
    );
  });

  it('takes the due clause only from the end', () => {
    expect(command('Review due process due tomorrow')).toEqual(
      add('Review due process', null, 'tomorrow'),
    );
    expect(command('Check the due date')).toEqual(add('Check the due date', null, null));
    expect(command('Update the due date field <@U1>')).toEqual(
      add('Update the due date field', 'U1', null),
    );
    expect(command('Document what is due')).toEqual(add('Document what is due', null, null));
  });

  it('leaves a due clause that does not look like a date in the text', () => {
    expect(command('Fix invoices due fridya')).toEqual(add('Fix invoices due fridya', null, null));
  });

  it('passes date-shaped but invalid due text through for later validation', () => {
    expect(command('Fix it due 12/01')).toEqual(add('Fix it', null, '12/01'));
    expect(command('Fix it due next sprint')).toEqual(add('Fix it', null, 'next sprint'));
    expect(command('Fix it due friday evening')).toEqual(add('Fix it', null, 'friday evening'));
  });

  it('collapses runs of spaces and newlines', () => {
    expect(command('  Add   alert\non\tqueue  <@U1>\n due   next  week ')).toEqual(
      add('Add alert on queue', 'U1', 'next week'),
    );
  });

  it('keeps the text Slack-encoded as received', () => {
    expect(command('Fix &lt;script&gt; &amp; retry')).toEqual(
      add('Fix &lt;script&gt; &amp; retry', null, null),
    );
  });

  it.each(['<@U1>', 'due friday', '<@U1> due friday', 'due friday <@U1|bob>'])(
    'requires action text in %j',
    (text) => {
      expect(error(text)).toBe(
        'Say what needs doing, e.g. `/action Add alert on queue depth @bob due friday`.',
      );
    },
  );

  it('accepts action text of exactly 500 characters, owner and due date excluded', () => {
    const text = 'a'.repeat(500);
    expect(command(`${text} <@U1> due friday`)).toEqual(add(text, 'U1', 'friday'));
    expect(command('&amp;'.repeat(500))).toMatchObject({ kind: 'add' });
  });

  it('rejects action text over 500 characters and says the limit', () => {
    expect(error('a'.repeat(501))).toBe(
      'Keep the action to 500 characters or fewer (this one has 501).',
    );
  });
});
