import { looksLikeDueDate } from '../due-dates.ts';
import type { ActionPriority } from '../types.ts';
import {
  parseLeadMention,
  parseUserMention,
  quote,
  visibleLength,
  type Word,
  words,
} from './mentions.ts';
import { ACTION_USAGE, type Parsed, usageError } from './usage.ts';

export type { ActionPriority };

export type ActionListFilter = 'mine' | 'open' | 'all';

export type ActionCommand =
  | {
      kind: 'add';
      text: string;
      ownerId: string | null;
      due: string | null;
      priority: ActionPriority | null;
    }
  | { kind: 'list'; filter: ActionListFilter }
  | { kind: 'done'; id: number }
  | { kind: 'export'; id: number }
  | { kind: 'assign'; id: number; ownerId: string }
  /** `due` is the raw date text; resolve it with `resolveDueDate`. */
  | { kind: 'due'; id: number; due: string }
  | { kind: 'drop'; id: number; reason: string }
  | { kind: 'help' };

export const ACTION_TEXT_MAX_LENGTH = 500;
export const ACTION_DROP_REASON_MAX_LENGTH = 500;

export const ACTION_LIST_FILTERS: readonly ActionListFilter[] = ['mine', 'open', 'all'];

// `due` takes at most three words (`in 3 days`); anything longer is part of the action text.
const MAX_DUE_WORDS = 3;

// `12`, `#12`, and also `0` or `-3` so those get a clear error rather than becoming action text.
const ID_SHAPE = /^#?-?\d+$/;
// Single digit only: `p99` or `p50` at the end of an action is a percentile, not a priority.
const PRIORITY_SHAPE = /^p\d$/i;
const PRIORITIES: readonly ActionPriority[] = ['p1', 'p2', 'p3'];

const ID_ERROR = 'Action ids are positive numbers, as shown in `/action list`.';
const DUE_FORMS =
  'Use `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday` or `fri`), `next week`, ' +
  'or `in N days` / `in N weeks` (e.g. `in 3d`, `in 2w`).';

/**
 * `/action <text> [@owner] [due <date>] [p1|p2|p3]`, plus `list`, `done`, `assign`, `due`, `drop`
 * and `help`. A subcommand word only counts as one when it comes first and the rest has that
 * subcommand's shape (`done 12`); otherwise the whole text is an action to add, so
 * `Done criteria for the runbook` is an action. `list` is the exception: it never starts an action.
 */
export function parseActionCommand(text: string): Parsed<ActionCommand> {
  const ws = words(text);
  const first = ws[0];
  if (first === undefined) return { ok: true, command: { kind: 'help' } };
  const args = ws.slice(1);
  switch (first.text.toLowerCase()) {
    case 'help':
      if (args.length === 0) return { ok: true, command: { kind: 'help' } };
      break;
    case 'list':
      return parseList(args);
    case 'done':
      if (args.length === 1 && isIdShaped(args)) {
        return withId(args, (id) => ({ ok: true, command: { kind: 'done', id } }));
      }
      break;
    case 'export':
      if (args.length === 1 && isIdShaped(args)) {
        return withId(args, (id) => ({ ok: true, command: { kind: 'export', id } }));
      }
      break;
    case 'assign':
      // `assign 12` and `assign 12 @bob` are attempts at assigning; `Assign 2 reviewers` is not.
      if (isIdShaped(args) && (args.length === 1 || looksLikeMention(args[1]))) {
        return withId(args, (id) => parseAssign(id, args.slice(1)));
      }
      break;
    case 'due':
      if (isIdShaped(args)) return withId(args, (id) => parseDue(id, args.slice(1)));
      break;
    case 'drop':
      if (isIdShaped(args)) return withId(args, (id) => parseDrop(id, args.slice(1)));
      break;
  }
  return parseAdd(ws);
}

function parseList(args: Word[]): Parsed<ActionCommand> {
  if (args.length === 0) return { ok: true, command: { kind: 'list', filter: 'open' } };
  const filter = ACTION_LIST_FILTERS.find((f) => f === args[0]?.text.toLowerCase());
  if (filter !== undefined && args.length === 1) {
    return { ok: true, command: { kind: 'list', filter } };
  }
  return fail(
    '`/action list` takes `mine`, `open` or `all`, e.g. `/action list mine`; ' +
      `got ${quote(join(args))}. To add an action, start it with another word.`,
  );
}

function parseAssign(id: number, rest: Word[]): Parsed<ActionCommand> {
  const example = `/action assign ${id} @bob`;
  if (rest.length === 0) return fail(`Say who should own #${id}, e.g. \`${example}\`.`);
  if (rest.filter((w) => parseUserMention(w.text) !== null).length > 1) {
    return fail('Name exactly one person; an action has a single owner.');
  }
  const owner = parseLeadMention(join(rest), example);
  if (!owner.ok) return fail(owner.error);
  return { ok: true, command: { kind: 'assign', id, ownerId: owner.userId } };
}

function parseDue(id: number, rest: Word[]): Parsed<ActionCommand> {
  const due = join(rest);
  if (due === '') return fail(`Say when #${id} is due, e.g. \`/action due ${id} friday\`.`);
  if (!looksLikeDueDate(due)) {
    return fail(`I couldn't read the due date ${quote(due)}. ${DUE_FORMS}`);
  }
  return { ok: true, command: { kind: 'due', id, due } };
}

function parseDrop(id: number, rest: Word[]): Parsed<ActionCommand> {
  // Collapsed to single spaces like the action text: it renders on one line.
  const reason = join(rest);
  if (reason === '') {
    return fail(
      `Say why #${id} is no longer needed, e.g. \`/action drop ${id} Covered by the new alert\`.`,
    );
  }
  const length = visibleLength(reason);
  if (length > ACTION_DROP_REASON_MAX_LENGTH) {
    return fail(
      `Keep the reason to ${ACTION_DROP_REASON_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    );
  }
  return { ok: true, command: { kind: 'drop', id, reason } };
}

/**
 * Owner, due date and priority are only taken from the end of the text (in any order), so a
 * mention or the word "due" inside the text stays where it is.
 */
function parseAdd(ws: Word[]): Parsed<ActionCommand> {
  let rest = ws;
  let ownerId: string | null = null;
  let due: string | null = null;
  let priority: ActionPriority | null = null;
  for (;;) {
    const last = rest.at(-1);
    if (last === undefined) break;
    const mention: string | null = ownerId === null ? parseUserMention(last.text) : null;
    if (mention !== null) {
      ownerId = mention;
      rest = rest.slice(0, -1);
      continue;
    }
    if (PRIORITY_SHAPE.test(last.text)) {
      const word = last.text.toLowerCase();
      const known = PRIORITIES.find((p) => p === word);
      if (known === undefined) {
        return fail(`Priority is \`p1\` (most urgent), \`p2\` or \`p3\`; got ${quote(last.text)}.`);
      }
      if (priority !== null) {
        return fail(`Give one priority; got both \`${known}\` and \`${priority}\`.`);
      }
      priority = known;
      rest = rest.slice(0, -1);
      continue;
    }
    const clause: { text: string; start: number } | null = due === null ? trailingDue(rest) : null;
    if (clause !== null) {
      due = clause.text;
      rest = rest.slice(0, clause.start);
      continue;
    }
    break;
  }

  // Collapsed to single spaces: an action renders as one list line.
  const actionText = join(rest);
  if (actionText === '') {
    return fail('Say what needs doing, e.g. `/action Add alert on queue depth @bob due friday`.');
  }
  const length = visibleLength(actionText);
  if (length > ACTION_TEXT_MAX_LENGTH) {
    return fail(
      `Keep the action to ${ACTION_TEXT_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    );
  }
  return { ok: true, command: { kind: 'add', text: actionText, ownerId, due, priority } };
}

/** The trailing `due <date>` clause: its date text and the index of the `due` word. */
function trailingDue(ws: Word[]): { text: string; start: number } | null {
  for (let count = 1; count <= MAX_DUE_WORDS; count++) {
    const start = ws.length - count - 1;
    if (start < 0) return null;
    if (ws[start]?.text.toLowerCase() !== 'due') continue;
    const dateText = join(ws.slice(start + 1));
    if (looksLikeDueDate(dateText)) return { text: dateText, start };
  }
  return null;
}

function isIdShaped(args: Word[]): boolean {
  const first = args[0];
  return first !== undefined && ID_SHAPE.test(first.text);
}

/** Runs `then` with the id in `args[0]`, or fails when it is not a usable id (`0`, `-3`). */
function withId(args: Word[], then: (id: number) => Parsed<ActionCommand>): Parsed<ActionCommand> {
  const id = Number(args[0]?.text.replace('#', ''));
  return Number.isSafeInteger(id) && id >= 1 ? then(id) : fail(ID_ERROR);
}

function looksLikeMention(word: Word | undefined): boolean {
  return word !== undefined && /^(?:@|<[@#!])/.test(word.text);
}

function join(ws: Word[]): string {
  return ws.map((w) => w.text).join(' ');
}

function fail(error: string): Parsed<ActionCommand> {
  return usageError(error, ACTION_USAGE);
}
