import { purposeWord } from '../description/purpose.ts';
import type { ActionPurpose } from '../description/types.ts';
import { looksLikeDueDate } from '../due-dates.ts';
import type { ActionPriority } from '../types.ts';
import { type AddActionCommand, DUE_FORMS, parseAdd } from './action-add.ts';
import {
  parseLeadMention,
  parseUserMention,
  quote,
  visibleLength,
  type Word,
  words,
} from './mentions.ts';
import { ACTION_USAGE, type Parsed, usageError } from './usage.ts';

export { ACTION_TEXT_MAX_LENGTH } from './action-add.ts';
export type { ActionPriority, AddActionCommand };

export type ActionListFilter = 'mine' | 'open' | 'all';

export type ActionCommand =
  | AddActionCommand
  | { kind: 'list'; filter: ActionListFilter }
  | { kind: 'done'; id: number }
  | { kind: 'export'; id: number }
  | { kind: 'assign'; id: number; ownerId: string }
  /** `due` is the raw date text; resolve it with `resolveDueDate`. */
  | { kind: 'due'; id: number; due: string }
  | { kind: 'drop'; id: number; reason: string }
  /** null clears it (`none`). */
  | { kind: 'purpose'; id: number; purpose: ActionPurpose | null }
  | { kind: 'help' };

export const ACTION_DROP_REASON_MAX_LENGTH = 500;

export const ACTION_LIST_FILTERS: readonly ActionListFilter[] = ['mine', 'open', 'all'];

// `12`, `#12`, and also `0` or `-3` so those get a clear error rather than becoming action text.
const ID_SHAPE = /^#?-?\d+$/;

const ID_ERROR = 'Action ids are positive numbers, as shown in `/action list`.';

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
    case 'purpose':
      if (isIdShaped(args)) return withId(args, (id) => parsePurpose(id, args.slice(1)));
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

function parsePurpose(id: number, rest: Word[]): Parsed<ActionCommand> {
  const word = rest.length === 1 ? rest[0]?.text : undefined;
  const purpose = purposeWord(word);
  if (purpose !== null) return { ok: true, command: { kind: 'purpose', id, purpose } };
  if (word?.toLowerCase() === 'none')
    return { ok: true, command: { kind: 'purpose', id, purpose: null } };
  return fail(
    `Say what #${id} is for: \`detect\`, \`mitigate\`, \`prevent\` (or \`none\`), e.g. \`/action purpose ${id} prevent\`` +
      (rest.length === 0 ? '.' : `; got ${quote(join(rest))}.`),
  );
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
