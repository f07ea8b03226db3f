import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_USAGE, parseActionCommand } from '../../../src/domain/commands/index.ts';
import { looksLikeDueDate } from '../../../src/domain/due-dates.ts';
import { settings } from '../../property/arbitraries.ts';
import { addAction as add, parserHelpers } from './parse-helpers.ts';

const { command, error } = parserHelpers(parseActionCommand, ACTION_USAGE);

const FORMS =
  'Use `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday` or `fri`), `next week`, ' +
  'or `in N days` / `in N weeks` (e.g. `in 3d`, `in 2w`).';

describe('a `due` right after the owner or priority must be a readable date', () => {
  it.each([
    ['Something <@U1|ivy> due flurble-the-13th', 'flurble-the-13th'],
    ['Something @ivy due flurble-the-13th', 'flurble-the-13th'],
    ['Rotate keys <@U1> due fridya', 'fridya'],
    ['Rotate keys <@U1> due end of month', 'end of month'],
    ['Rotate keys p1 due whenever', 'whenever'],
    ['Rotate keys <@U1> due fridya p2', 'fridya'],
    ['Rotate keys p2 due soon <@U1>', 'soon'],
    ['Rotate keys <@U1> p1 due eventually', 'eventually'],
  ])('refuses %j, naming what could not be read', (text, unread) => {
    expect(error(text)).toBe(`I couldn't read the due date \`${unread}\`. ${FORMS}`);
  });

  it.each(['Rotate keys <@U1> due', 'Rotate keys p3 due', 'Rotate keys <@U1> due p1'])(
    'asks for the date when %j ends at `due`',
    (text) => {
      expect(error(text)).toBe(
        'Say when it is due after `due`, e.g. `/action Add alert on queue depth @bob due friday`.',
      );
    },
  );

  it('still takes readable dates after the owner and priority', () => {
    expect(command('Something <@U1|ivy> due friday')).toEqual(add('Something', 'U1', 'friday'));
    expect(command('Rotate keys p1 due in 3 days')).toEqual(
      add('Rotate keys', null, 'in 3 days', 'p1'),
    );
  });
});

describe('"due" as ordinary action text', () => {
  it.each([
    ['investigate due diligence process', add('investigate due diligence process', null, null)],
    ['Run due diligence <@U1>', add('Run due diligence', 'U1', null)],
    ['Fix invoices due fridya p2', add('Fix invoices due fridya', null, null, 'p2')],
    [
      'Thank <@U1> due to the quick rollback',
      add('Thank <@U1> due to the quick rollback', null, null),
    ],
    ['Escalate to <@U1> due to SLA <@U2>', add('Escalate to <@U1> due to SLA', 'U2', null)],
    ['Ask <@U1> about the due date', add('Ask <@U1> about the due date', null, null)],
    // The owner is already taken at the end, so the earlier mention is text.
    ['Ask <@U1> due diligence <@U2>', add('Ask <@U1> due diligence', 'U2', null)],
    // More words than a date takes: a sentence, not a due clause.
    [
      'Ping <@U1> due diligence for all vendors',
      add('Ping <@U1> due diligence for all vendors', null, null),
    ],
  ])('keeps %j', (text, expected) => {
    expect(command(text)).toEqual(expected);
  });

  it('never refuses an action whose "due" follows ordinary words', () => {
    const word = fc.stringMatching(/^[a-z][a-z-]{0,9}$/).filter((w) => !/^p\d$/.test(w));
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 5 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (before, after) => {
          fc.pre(!looksLikeDueDate(after.join(' ')));
          const text = [...before, 'due', ...after].join(' ');
          expect(parseActionCommand(text)).toEqual({ ok: true, command: add(text, null, null) });
        },
      ),
      settings(801, 300),
    );
  });

  it('refuses, never adds, an owner followed by `due` and words that are no date', () => {
    const word = fc.stringMatching(/^[a-z][a-z-]{0,9}$/).filter((w) => w !== 'to');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), (after) => {
        const date = after.join(' ');
        fc.pre(!looksLikeDueDate(date));
        const parsed = parseActionCommand(`Fix the pool <@U1|ivy> due ${date}`);
        expect(parsed).toMatchObject({ ok: false, usage: ACTION_USAGE });
      }),
      settings(802, 300),
    );
  });
});
