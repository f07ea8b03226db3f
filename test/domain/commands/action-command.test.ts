import { describe, expect, it } from 'vitest';
import { ACTION_USAGE, parseActionCommand } from '../../../src/domain/commands/index.ts';
import { addAction as add, parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseActionCommand, ACTION_USAGE);

describe('parseActionCommand', () => {
  it.each(['', '  \n ', 'help', 'HELP'])('shows help for %j', (text) => {
    expect(command(text)).toEqual({ kind: 'help' });
  });

  it('treats help followed by more words as action text', () => {
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

  it.each([
    ['Fix X p1', add('Fix X', null, null, 'p1')],
    ['Fix X P3', add('Fix X', null, null, 'p3')],
    ['Fix X <@U1> due friday p1', add('Fix X', 'U1', 'friday', 'p1')],
    ['Fix X p2 <@U1>', add('Fix X', 'U1', null, 'p2')],
    ['Fix X due friday p2 <@U1>', add('Fix X', 'U1', 'friday', 'p2')],
    ['Fix X p3 due in 3 days', add('Fix X', null, 'in 3 days', 'p3')],
    ['Fix X <@U1> p1 due tomorrow', add('Fix X', 'U1', 'tomorrow', 'p1')],
    ['Fix X p2 due next week <@U1>', add('Fix X', 'U1', 'next week', 'p2')],
  ])('takes a trailing priority in any order with owner and due date: %j', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });

  it('keeps a priority word inside the action text', () => {
    expect(command('Move p1 pages to the new rota')).toEqual(
      add('Move p1 pages to the new rota', null, null),
    );
    expect(command('Triage p4 tickets <@U1>')).toEqual(add('Triage p4 tickets', 'U1', null));
  });

  it.each(['Alert on latency p99', 'Track p50 and p95', 'Fix X p10'])(
    'treats a multi-digit percentile such as %j as text, not a priority',
    (text) => {
      expect(command(text)).toEqual(add(text, null, null));
    },
  );

  it.each(['Fix X p4', 'Fix X p0', 'Fix X P9 <@U1>', 'Fix X p4 due friday'])(
    'rejects an unknown trailing priority in %j and names p1 to p3',
    (text) => {
      const message = error(text);
      expect(message).toMatch(/^Priority is `p1` \(most urgent\), `p2` or `p3`; got `p\d`\.$/i);
    },
  );

  it('rejects two trailing priorities', () => {
    expect(error('Fix X p1 due friday p2')).toBe('Give one priority; got both `p1` and `p2`.');
  });

  it('requires action text besides a priority', () => {
    expect(error('p1 <@U1>')).toBe(
      'Say what needs doing, e.g. `/action Add alert on queue depth @bob due friday`.',
    );
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
