import { SKIP_REASON_MAX_LENGTH } from '../postmortem-life.ts';
import { visibleLength } from './mentions.ts';

// `/incident review`, `/incident publish`, `/incident skip-postmortem <reason>`.

export type PostmortemStepCommand =
  | { kind: 'review' }
  | { kind: 'publish' }
  | { kind: 'skip-postmortem'; reason: string };

export type ParsedStep =
  | { ok: true; command: PostmortemStepCommand }
  | { ok: false; error: string };

/** The words after the subcommand; null when `name` is not a post-mortem step. */
export function parsePostmortemStep(name: string, rest: string): ParsedStep | null {
  switch (name) {
    case 'review':
    case 'publish':
      // Words after them would be lost, so they are refused rather than ignored.
      return rest === ''
        ? { ok: true, command: { kind: name } }
        : { ok: false, error: `\`/incident ${name}\` takes nothing more.` };
    case 'skip-postmortem':
    case 'skip-post-mortem':
      return parseSkip(rest);
    default:
      return null;
  }
}

function parseSkip(rest: string): ParsedStep {
  if (rest === '') {
    return {
      ok: false,
      error:
        'Say why this incident needs no post-mortem, e.g. `/incident skip-postmortem One failed cron run, retried fine`.',
    };
  }
  const length = visibleLength(rest);
  if (length > SKIP_REASON_MAX_LENGTH) {
    return {
      ok: false,
      error: `Keep the reason to ${SKIP_REASON_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    };
  }
  // One line in every rendering, as a title is.
  return { ok: true, command: { kind: 'skip-postmortem', reason: rest.split(/\s+/).join(' ') } };
}
