import { parseOneTag, parseTags } from '../description/tags.ts';
import type { TagInput } from '../description/types.ts';
import { SEVERITIES, type SectionKind, type Severity } from '../types.ts';
import {
  type DetectedBy,
  parseDetectedArgs,
  parseStartedTime,
  splitLeadingTime,
} from './incident-times.ts';
import { parseLeadMention, quote, visibleLength, words } from './mentions.ts';
import { type PostmortemStepCommand, parsePostmortemStep } from './postmortem-steps.ts';
import { parseStatsArgs, type StatsArgs } from './stats-command.ts';
import { INCIDENT_USAGE, type Parsed, usageError } from './usage.ts';

export type IncidentCommand =
  | { kind: 'start'; title: string; severity: Severity | null; newChannel: boolean }
  | { kind: 'lead'; userId: string }
  | { kind: 'status'; text: string }
  | { kind: 'started'; time: string }
  | { kind: 'detected'; time: string; by: DetectedBy | null }
  | { kind: 'mitigated'; note: string | null; time: string | null }
  | { kind: 'resolve'; note: string | null; time: string | null }
  | { kind: 'note'; text: string }
  | { kind: 'sev'; severity: Severity }
  | { kind: 'reopen' }
  | { kind: 'timeline' }
  | { kind: 'section'; section: SectionKind; text: string }
  | { kind: 'postmortem' }
  | PostmortemStepCommand
  | { kind: 'tag'; tags: TagInput[] }
  | { kind: 'untag'; tag: TagInput }
  /** Checked against INCIDENT_CATEGORIES by the use case (the list is configuration). */
  | { kind: 'category'; name: string }
  | ({ kind: 'stats' } & StatsArgs)
  | { kind: 'help' };

export const TITLE_MAX_LENGTH = 150;
export const NOTE_MAX_LENGTH = 3000;

// Anything shaped like a severity is treated as one, so a typo such as `sev5` is reported
// instead of silently ending up in the title with the default severity.
const SEVERITY_LIKE = /^sev-?(\d+)$/i;
// Some keyboards turn a typed `--` into a dash, so `—channel` is the same flag.
const CHANNEL_FLAG = /^(?:--|—|–)channel$/i;
// Likewise an option-shaped word is a mistyped option, not part of the title.
const OPTION_LIKE = /^--\p{L}/u;

export function parseIncidentCommand(text: string): Parsed<IncidentCommand> {
  const trimmed = text.trim();
  const first = words(trimmed)[0];
  if (first === undefined) return ok({ kind: 'help' });
  const rest = trimmed.slice(first.end).trim();
  switch (first.text.toLowerCase()) {
    case 'start':
      return parseStart(rest);
    case 'lead': {
      const lead = parseLeadMention(rest, '/incident lead @alice');
      return lead.ok ? ok({ kind: 'lead', userId: lead.userId }) : fail(lead.error);
    }
    case 'status':
      return rest === ''
        ? fail('Say what the status is, e.g. `/incident status Rolled back to v142`.')
        : ok({ kind: 'status', text: rest });
    case 'started': {
      const started = parseStartedTime(rest);
      return started.ok ? ok({ kind: 'started', time: started.time }) : fail(started.error);
    }
    case 'detected': {
      const d = parseDetectedArgs(rest);
      return d.ok ? ok({ kind: 'detected', time: d.time, by: d.by }) : fail(d.error);
    }
    case 'mitigated':
    case 'mitigate':
      return ok({ kind: 'mitigated', ...splitLeadingTime(rest) });
    case 'resolve':
    case 'resolved':
      return ok({ kind: 'resolve', ...splitLeadingTime(rest) });
    case 'note':
      return parseNote(rest);
    case 'sev':
    case 'severity':
      return parseSev(rest);
    case 'reopen':
      // Words after `reopen` would be lost, so they are refused rather than ignored.
      return rest === ''
        ? ok({ kind: 'reopen' })
        : fail('`/incident reopen` takes nothing more; say why with `/incident note <text>`.');
    case 'timeline':
      return ok({ kind: 'timeline' });
    case 'summary':
    case 'impact':
    case 'cause':
    case 'learning':
      return parseSection(first.text.toLowerCase() as SectionKind, rest);
    case 'postmortem':
    case 'post-mortem':
    case 'draft':
      return ok({ kind: 'postmortem' });
    case 'tag':
    case 'tags': {
      const parsed = parseTags(rest);
      return parsed.ok ? ok({ kind: 'tag', tags: parsed.tags }) : fail(parsed.error);
    }
    case 'untag': {
      const parsed = parseOneTag(rest);
      return parsed.ok ? ok({ kind: 'untag', tag: parsed.tag }) : fail(parsed.error);
    }
    case 'category':
      return words(rest).length === 1
        ? ok({ kind: 'category', name: rest })
        : fail('Give one category, e.g. `/incident category deploy`.');
    case 'stats': {
      const parsed = parseStatsArgs(rest);
      return parsed.ok ? ok({ kind: 'stats', ...parsed.args }) : fail(parsed.error);
    }
    case 'help':
      return ok({ kind: 'help' });
    default: {
      const step = parsePostmortemStep(first.text.toLowerCase(), rest);
      if (step) return step.ok ? ok(step.command) : fail(step.error);
      return fail(`Unknown subcommand ${quote(first.text)}.`);
    }
  }
}

function parseStart(rest: string): Parsed<IncidentCommand> {
  const all = words(rest);
  const unknownOption = all.find((w) => OPTION_LIKE.test(w.text) && !CHANNEL_FLAG.test(w.text));
  if (unknownOption !== undefined) {
    return fail(`Unknown option ${quote(unknownOption.text)}; the only option is \`--channel\`.`);
  }
  const ws = all.filter((w) => !CHANNEL_FLAG.test(w.text));
  const newChannel = ws.length < all.length;
  const last = ws.at(-1);
  let severity: Severity | null = null;
  let titleWords = ws;
  const severityDigits = last === undefined ? undefined : SEVERITY_LIKE.exec(last.text)?.[1];
  if (last !== undefined && severityDigits !== undefined) {
    const known = knownSeverity(severityDigits);
    if (known === null) {
      return fail(`${quote(last.text)} is not a severity. Use sev1, sev2, sev3 or sev4.`);
    }
    severity = known;
    titleWords = ws.slice(0, -1);
  }
  // A title is one line in every rendering, so internal newlines and runs of spaces collapse.
  const title = titleWords.map((w) => w.text).join(' ');
  if (title === '') {
    return fail('Give the incident a title, e.g. `/incident start Checkout errors sev2`');
  }
  const length = visibleLength(title);
  if (length > TITLE_MAX_LENGTH) {
    return fail(
      `Keep the title to ${TITLE_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    );
  }
  return ok({ kind: 'start', title, severity, newChannel });
}

function parseNote(rest: string): Parsed<IncidentCommand> {
  if (rest === '')
    return fail('Say what to note, e.g. `/incident note Paused the payments deploy`.');
  const length = visibleLength(rest);
  if (length > NOTE_MAX_LENGTH) {
    return fail(
      `Keep the note to ${NOTE_MAX_LENGTH} characters or fewer (this one has ${length}).`,
    );
  }
  return ok({ kind: 'note', text: rest });
}

const SECTION_EXAMPLES: Record<SectionKind, string> = {
  summary: '`/incident summary A bad config push broke checkout for 25 minutes`',
  impact: '`/incident impact 12% of checkouts failed for 25 minutes`',
  cause: '`/incident cause The pool size default changed in 4.2.0`',
  learning: '`/incident learning Config defaults need a canary too`',
};

function parseSection(section: SectionKind, rest: string): Parsed<IncidentCommand> {
  if (rest === '') return fail(`Say what to write, e.g. ${SECTION_EXAMPLES[section]}.`);
  const length = visibleLength(rest);
  if (length > NOTE_MAX_LENGTH) {
    return fail(`Keep it to ${NOTE_MAX_LENGTH} characters or fewer (this has ${length}).`);
  }
  return ok({ kind: 'section', section, text: rest });
}

/** `2`, `sev2` or `sev-2`; exactly one of them. */
function parseSev(rest: string): Parsed<IncidentCommand> {
  const ws = words(rest);
  const only = ws.length === 1 ? ws[0]?.text : undefined;
  if (only === undefined) {
    return fail(
      ws.length === 0
        ? 'Say the new severity, from 1 to 4, e.g. `/incident sev 2`.'
        : `Give one severity, from 1 to 4, e.g. \`/incident sev 2\`; got ${quote(rest)}.`,
    );
  }
  const digits = /^\d+$/.test(only) ? only : SEVERITY_LIKE.exec(only)?.[1];
  const known = digits === undefined ? null : knownSeverity(digits);
  if (known === null) {
    return fail(`${quote(only)} is not a severity. Use 1, 2, 3 or 4 (or sev1 to sev4).`);
  }
  return ok({ kind: 'sev', severity: known });
}

function knownSeverity(digits: string): Severity | null {
  return SEVERITIES.find((s) => s === `sev${digits}`) ?? null;
}

function ok(command: IncidentCommand): Parsed<IncidentCommand> {
  return { ok: true, command };
}

function fail(error: string): Parsed<IncidentCommand> {
  return usageError(error, INCIDENT_USAGE);
}
