import { looksLikeDueDate } from '../due-dates.ts';
import { parseUserMention, visibleLength, type Word, words } from './mentions.ts';
import { ACTION_USAGE, type Parsed, usageError } from './usage.ts';

export type ActionCommand =
  | { kind: 'add'; text: string; ownerId: string | null; due: string | null }
  | { kind: 'list' }
  | { kind: 'help' };

export const ACTION_TEXT_MAX_LENGTH = 500;

// `due` takes at most three words (`in 3 days`); anything longer is part of the action text.
const MAX_DUE_WORDS = 3;

/**
 * `/action <text> [@owner] [due <date>]`. Owner and due date are only taken from the end of the
 * text (in either order), so a mention or the word "due" inside the text stays where it is.
 */
export function parseActionCommand(text: string): Parsed<ActionCommand> {
  const ws = words(text);
  const only = ws.length === 1 ? ws[0]?.text.toLowerCase() : undefined;
  if (ws.length === 0 || only === 'help') return { ok: true, command: { kind: 'help' } };
  if (only === 'list') return { ok: true, command: { kind: 'list' } };

  let rest = ws;
  let ownerId = trailingMention(rest);
  if (ownerId !== null) rest = rest.slice(0, -1);
  const due = trailingDue(rest);
  if (due !== null) rest = rest.slice(0, due.start);
  if (ownerId === null) {
    ownerId = trailingMention(rest);
    if (ownerId !== null) rest = rest.slice(0, -1);
  }

  // Collapsed to single spaces: an action renders as one list line.
  const actionText = rest.map((w) => w.text).join(' ');
  if (actionText === '') {
    return fail('Say what needs doing, e.g. `/action Add alert on queue depth @bob due friday`.');
  }
  const length = visibleLength(actionText);
  if (length > ACTION_TEXT_MAX_LENGTH) {
    return fail(
      `Keep the action to ${ACTION_TEXT_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    );
  }
  return {
    ok: true,
    command: { kind: 'add', text: actionText, ownerId, due: due?.text ?? null },
  };
}

function trailingMention(ws: Word[]): string | null {
  const last = ws.at(-1);
  return last === undefined ? null : parseUserMention(last.text);
}

/** The trailing `due <date>` clause: its date text and the index of the `due` word. */
function trailingDue(ws: Word[]): { text: string; start: number } | null {
  for (let count = 1; count <= MAX_DUE_WORDS; count++) {
    const start = ws.length - count - 1;
    if (start < 0) return null;
    if (ws[start]?.text.toLowerCase() !== 'due') continue;
    const dateText = ws
      .slice(start + 1)
      .map((w) => w.text)
      .join(' ');
    if (looksLikeDueDate(dateText)) return { text: dateText, start };
  }
  return null;
}

function fail(error: string): Parsed<ActionCommand> {
  return usageError(error, ACTION_USAGE);
}
