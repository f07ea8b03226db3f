import { SEVERITIES, type Severity } from '../types.ts';
import { parseLeadMention, quote, visibleLength, words } from './mentions.ts';
import { INCIDENT_USAGE, type Parsed, usageError } from './usage.ts';

export type IncidentCommand =
  | { kind: 'start'; title: string; severity: Severity | null }
  | { kind: 'lead'; userId: string }
  | { kind: 'status'; text: string }
  | { kind: 'mitigated'; note: string | null }
  | { kind: 'resolve'; note: string | null }
  | { kind: 'help' };

export const TITLE_MAX_LENGTH = 150;

// Anything shaped like a severity is treated as one, so a typo such as `sev5` is reported
// instead of silently ending up in the title with the default severity.
const SEVERITY_LIKE = /^sev-?(\d+)$/i;

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
    case 'mitigated':
    case 'mitigate':
      return ok({ kind: 'mitigated', note: rest === '' ? null : rest });
    case 'resolve':
    case 'resolved':
      return ok({ kind: 'resolve', note: rest === '' ? null : rest });
    case 'help':
      return ok({ kind: 'help' });
    default:
      return fail(`Unknown subcommand ${quote(first.text)}.`);
  }
}

function parseStart(rest: string): Parsed<IncidentCommand> {
  const ws = words(rest);
  const last = ws.at(-1);
  let severity: Severity | null = null;
  let titleWords = ws;
  const severityDigits = last === undefined ? undefined : SEVERITY_LIKE.exec(last.text)?.[1];
  if (last !== undefined && severityDigits !== undefined) {
    const known = SEVERITIES.find((s) => s === `sev${severityDigits}`);
    if (known === undefined) {
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
  return ok({ kind: 'start', title, severity });
}

function ok(command: IncidentCommand): Parsed<IncidentCommand> {
  return { ok: true, command };
}

function fail(error: string): Parsed<IncidentCommand> {
  return usageError(error, INCIDENT_USAGE);
}
