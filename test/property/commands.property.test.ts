import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseDetectedArgs,
  parseStartedTime,
  splitLeadingTime,
} from '../../src/domain/commands/incident-times.ts';
import {
  ACTION_TEXT_MAX_LENGTH,
  ACTION_USAGE,
  INCIDENT_USAGE,
  LEAD_USAGE,
  NOTE_MAX_LENGTH,
  parseActionCommand,
  parseIncidentCommand,
  parseLeadCommand,
  parseLeadMention,
  parseUserMention,
  quote,
  TITLE_MAX_LENGTH,
  visibleLength,
  words,
} from '../../src/domain/commands/index.ts';
import { commandWords, LONG_INPUTS, nastyText, settings } from './arbitraries.ts';

const INCIDENT_SUBCOMMANDS = [
  'start',
  'lead',
  'status',
  'started',
  'detected',
  'mitigated',
  'mitigate',
  'resolve',
  'resolved',
  'note',
  'sev',
  'severity',
  'reopen',
  'timeline',
  'summary',
  'impact',
  'cause',
  'learning',
  'postmortem',
  'post-mortem',
  'draft',
  'help',
];
const ACTION_SUBCOMMANDS = ['help', 'list', 'done', 'export', 'assign', 'due', 'drop'];

// A reply quotes at most 40 characters of what was typed, so errors stay short for any input.
const ERROR_MAX = 400;

const incidentText = commandWords(
  fc.oneof(fc.constantFrom(...INCIDENT_SUBCOMMANDS, 'START', 'Sev'), nastyText(3)),
);
const actionText = commandWords(fc.oneof(fc.constantFrom(...ACTION_SUBCOMMANDS), nastyText(3)));
const anyCommandText = fc.oneof(incidentText, actionText, nastyText(), fc.string());

/** Subcommand words cannot be told apart from text by case; these are the lower-case forms. */
function isKnown(word: string, known: readonly string[]): boolean {
  return known.includes(word.toLowerCase());
}

describe('parseIncidentCommand', () => {
  it('never throws; a refusal carries the documented usage and a short error', () => {
    fc.assert(
      fc.property(anyCommandText, (text) => {
        const parsed = parseIncidentCommand(text);
        if (!parsed.ok) {
          expect(parsed.usage).toBe(INCIDENT_USAGE);
          expect(parsed.error.length).toBeGreaterThan(0);
          expect(parsed.error.length).toBeLessThanOrEqual(ERROR_MAX);
        }
      }),
      settings(201, 2000),
    );
  });

  it('refuses an unknown first word as a usage error naming it', () => {
    fc.assert(
      fc.property(nastyText(4), nastyText(), (first, rest) => {
        const word = words(first)[0]?.text;
        fc.pre(word !== undefined && !isKnown(word, INCIDENT_SUBCOMMANDS));
        const parsed = parseIncidentCommand(`${first} ${rest}`);
        expect(parsed.ok).toBe(false);
        if (!parsed.ok) expect(parsed.error).toMatch(/^Unknown subcommand `/);
      }),
      settings(202, 1000),
    );
  });

  it('keeps every accepted title, note and status within its documented bounds', () => {
    fc.assert(
      fc.property(incidentText, (text) => {
        const parsed = parseIncidentCommand(text);
        if (!parsed.ok) return;
        const { command } = parsed;
        if (command.kind === 'start') {
          expect(command.title).not.toBe('');
          expect(command.title).not.toMatch(/\s{2}|[\n\r\t]|^\s|\s$/);
          expect(visibleLength(command.title)).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
        }
        if (command.kind === 'note' || command.kind === 'section') {
          expect(command.text.trim()).not.toBe('');
          expect(visibleLength(command.text)).toBeLessThanOrEqual(NOTE_MAX_LENGTH);
        }
        if (command.kind === 'status') expect(command.text.trim()).not.toBe('');
      }),
      settings(203, 2000),
    );
  });

  it('round-trips `start <title> sevN [--channel]`', () => {
    const titleWord = fc
      .string({ minLength: 1, maxLength: 12 })
      .map((w) => w.replace(/\s/g, 'x'))
      .filter((w) => !/^(?:--|—|–)/.test(w) && !/^sev-?\d+$/i.test(w));
    fc.assert(
      fc.property(
        fc.array(titleWord, { minLength: 1, maxLength: 10 }),
        fc.constantFrom(1, 2, 3, 4),
        fc.boolean(),
        (title, sev, channel) => {
          const text = `start ${title.join('  ')} sev${sev}${channel ? ' --channel' : ''}`;
          fc.pre(visibleLength(title.join(' ')) <= TITLE_MAX_LENGTH);
          expect(parseIncidentCommand(text)).toEqual({
            ok: true,
            command: {
              kind: 'start',
              title: title.join(' '),
              severity: `sev${sev}`,
              newChannel: channel,
            },
          });
        },
      ),
      settings(204, 500),
    );
  });

  it('answers 100k-character input in bounded time', () => {
    for (const long of LONG_INPUTS) {
      for (const head of ['', 'start ', 'note ', 'detected ', 'mitigated ', 'sev ', 'lead ']) {
        const parsed = parseIncidentCommand(head + long);
        if (!parsed.ok) expect(parsed.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }
    }
  });
});

describe('parseActionCommand', () => {
  it('never throws; a refusal carries the documented usage and a short error', () => {
    fc.assert(
      fc.property(anyCommandText, (text) => {
        const parsed = parseActionCommand(text);
        if (!parsed.ok) {
          expect(parsed.usage).toBe(ACTION_USAGE);
          expect(parsed.error.length).toBeGreaterThan(0);
          expect(parsed.error.length).toBeLessThanOrEqual(ERROR_MAX);
          return;
        }
        const { command } = parsed;
        if (command.kind === 'add') {
          expect(command.text).not.toBe('');
          expect(command.text).not.toMatch(/\s{2}|[\n\r\t]/);
          expect(visibleLength(command.text)).toBeLessThanOrEqual(ACTION_TEXT_MAX_LENGTH);
        }
        if ('id' in command) expect(Number.isSafeInteger(command.id) && command.id >= 1).toBe(true);
      }),
      settings(205, 2000),
    );
  });

  it('round-trips `<text> @owner due <date> pN` in any order of the trailing parts', () => {
    const textWord = fc.stringMatching(/^[a-z]{1,10}$/).filter((w) => w !== 'due');
    fc.assert(
      fc.property(
        fc.array(textWord, { minLength: 1, maxLength: 8 }),
        fc.stringMatching(/^U[A-Z0-9]{2,10}$/),
        fc.constantFrom('tomorrow', 'friday', 'next week', 'in 3d', '2030-01-31'),
        fc.constantFrom('p1', 'p2', 'p3'),
        fc.nat(5),
        (text, owner, due, priority, order) => {
          const parts = [`<@${owner}|someone>`, `due ${due}`, priority];
          const trailing = [...parts.slice(order % 3), ...parts.slice(0, order % 3)];
          const line = ['Fix', ...text, ...trailing].join(' ');
          expect(parseActionCommand(line)).toEqual({
            ok: true,
            command: {
              kind: 'add',
              text: ['Fix', ...text].join(' '),
              ownerId: owner,
              due,
              priority,
            },
          });
        },
      ),
      settings(206, 500),
    );
  });

  it('answers 100k-character input in bounded time', () => {
    for (const long of LONG_INPUTS) {
      for (const head of ['', 'due 1 ', 'drop 1 ', 'assign 1 ', 'list ', 'Fix ']) {
        const parsed = parseActionCommand(head + long);
        if (!parsed.ok) expect(parsed.error.length).toBeLessThanOrEqual(ERROR_MAX);
      }
    }
  });
});

describe('parseLeadCommand and the mention helpers', () => {
  it('accepts exactly one linked user mention and refuses everything else with LEAD_USAGE', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(), commandWords(nastyText(2))), (text) => {
        const parsed = parseLeadCommand(text);
        if (parsed.ok) {
          expect(words(text)).toHaveLength(1);
          expect(parseUserMention(text)).toBe(parsed.command.userId);
        } else {
          expect(parsed.usage).toBe(LEAD_USAGE);
          expect(parsed.error.length).toBeLessThanOrEqual(ERROR_MAX);
        }
      }),
      settings(207, 2000),
    );
  });

  it('reads any well-formed mention back to its id', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[UW][A-Z0-9]{1,12}$/),
        // The `|name` part is the legacy username, which has no spaces (see docs/security.md).
        fc.option(fc.string().map((l) => l.replace(/[<>\s]/g, ''))),
        (id, label) => {
          const mention = label === null ? `<@${id}>` : `<@${id}|${label}>`;
          expect(parseUserMention(` ${mention} `)).toBe(id);
          expect(parseLeadMention(mention, '/lead @alice')).toEqual({ ok: true, userId: id });
        },
      ),
      settings(208, 500),
    );
  });

  it('words() covers exactly the non-space characters, with offsets that slice back', () => {
    fc.assert(
      fc.property(nastyText(), (text) => {
        const ws = words(text);
        for (const w of ws) {
          expect(text.slice(w.start, w.end)).toBe(w.text);
          expect(w.text).toMatch(/^\S+$/);
        }
        expect(ws.map((w) => w.text).join('')).toBe(text.replace(/\s+/g, ''));
      }),
      settings(209, 1000),
    );
  });

  it('quote() is short, one backtick span, and free of control characters', () => {
    fc.assert(
      fc.property(fc.oneof(nastyText(), fc.constantFrom(...LONG_INPUTS)), (text) => {
        const quoted = quote(text);
        expect(quoted).toMatch(/^`[^`]+`$/);
        expect(quoted).not.toMatch(/\p{Cc}/u);
        expect(Array.from(quoted).length).toBeLessThanOrEqual(43);
      }),
      settings(210, 500),
    );
  });

  it('visibleLength() counts code points after decoding, never more than the raw length', () => {
    fc.assert(
      fc.property(nastyText(), (text) => {
        const n = visibleLength(text);
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(text.length);
      }),
      settings(211, 500),
    );
  });
});

describe('incident-times argument splitting', () => {
  it('never throws; splits keep every word and refusals are short', () => {
    fc.assert(
      fc.property(commandWords(nastyText(3)), (rest) => {
        const split = splitLeadingTime(rest);
        const kept = `${split.time ?? ''} ${split.note ?? ''}`.replace(/\s+/g, '');
        expect(kept).toBe(rest.replace(/\s+/g, ''));
        for (const result of [parseStartedTime(rest), parseDetectedArgs(rest)]) {
          if (!result.ok) expect(result.error.length).toBeLessThanOrEqual(ERROR_MAX);
          else expect(result.time.trim()).not.toBe('');
        }
      }),
      settings(212, 2000),
    );
  });

  it('answers 100k-character input in bounded time', () => {
    for (const long of LONG_INPUTS) {
      splitLeadingTime(long);
      parseDetectedArgs(`14:05 by ${long}`);
      parseStartedTime(long);
    }
  });
});
