import { purposeWord } from '../description/purpose.ts';
import type { ActionPurpose } from '../description/types.ts';
import { looksLikeDueDate } from '../due-dates.ts';
import type { ActionPriority } from '../types.ts';
import { parseUserMention, quote, visibleLength, type Word } from './mentions.ts';
import { ACTION_USAGE, type Parsed, usageError } from './usage.ts';

// `/action <text> [@owner] [due <date>] [p1|p2|p3] [detect|mitigate|prevent]`: the text and the
// options at its end.

export interface AddActionCommand {
  kind: 'add';
  text: string;
  ownerId: string | null;
  due: string | null;
  priority: ActionPriority | null;
  /** Present only when the text ends with `detect`, `mitigate` or `prevent`. */
  purpose?: ActionPurpose;
}

export const ACTION_TEXT_MAX_LENGTH = 500;

export const DUE_FORMS =
  'Use `YYYY-MM-DD`, `today`, `tomorrow`, a weekday (`friday` or `fri`), `next week`, ' +
  'or `in N days` / `in N weeks` (e.g. `in 3d`, `in 2w`).';

// `due` takes at most three words (`in 3 days`); anything longer is part of the action text.
const MAX_DUE_WORDS = 3;

// Single digit only: `p99` or `p50` at the end of an action is a percentile, not a priority.
const PRIORITY_SHAPE = /^p\d$/i;
const PRIORITIES: readonly ActionPriority[] = ['p1', 'p2', 'p3'];

/**
 * Owner, due date and priority are only taken from the end of the text (in any order), so a
 * mention or the word "due" inside the text stays where it is.
 */
export function parseAdd(ws: Word[]): Parsed<AddActionCommand> {
  let rest = ws;
  let ownerId: string | null = null;
  let due: string | null = null;
  let priority: ActionPriority | null = null;
  let purpose: ActionPurpose | null = null;
  for (;;) {
    const last = rest.at(-1);
    if (last === undefined) break;
    // Only as the very last word, so `Improve how we detect lag @bob` keeps its text.
    const said = rest === ws && rest.length > 1 ? purposeWord(last.text) : null;
    if (said !== null) {
      purpose = said;
      rest = rest.slice(0, -1);
      continue;
    }
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
  if (due === null) {
    const unread = dueAfterOwnerOrPriority(rest, { ownerId, priority });
    if (unread !== null) return fail(unreadDue(unread));
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
  const command: AddActionCommand = { kind: 'add', text: actionText, ownerId, due, priority };
  return { ok: true, command: purpose === null ? command : { ...command, purpose } };
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

/**
 * A trailing `due` right after what would be the owner or the priority (`@ivy due …`, `p1 due …`)
 * can only start a due date, so an unreadable one is refused rather than kept as action text;
 * returns the words after that `due` (maybe none), else null. Elsewhere "due" is ordinary text
 * (`Run due diligence @ivy`), and `due to …` reads as "because of".
 */
function dueAfterOwnerOrPriority(
  ws: Word[],
  taken: { ownerId: string | null; priority: ActionPriority | null },
): string | null {
  for (let count = 0; count <= MAX_DUE_WORDS; count++) {
    const at = ws.length - count - 1;
    if (at < 1) return null;
    if (ws[at]?.text.toLowerCase() !== 'due') continue;
    const before = ws[at - 1]?.text ?? '';
    const owner =
      taken.ownerId === null && (parseUserMention(before) !== null || /^@\w/.test(before));
    const priority = taken.priority === null && PRIORITIES.some((p) => p === before.toLowerCase());
    const after = ws.slice(at + 1);
    if (!(owner || priority) || after[0]?.text.toLowerCase() === 'to') return null;
    return join(after);
  }
  return null;
}

function unreadDue(dateText: string): string {
  if (dateText === '') {
    return 'Say when it is due after `due`, e.g. `/action Add alert on queue depth @bob due friday`.';
  }
  return `I couldn't read the due date ${quote(dateText)}. ${DUE_FORMS}`;
}

function join(ws: Word[]): string {
  return ws.map((w) => w.text).join(' ');
}

function fail(error: string): Parsed<AddActionCommand> {
  return usageError(error, ACTION_USAGE);
}
