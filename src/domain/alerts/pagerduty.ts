import type { AlertState } from '../types.ts';
import {
  type AlertRecogniser,
  claims,
  earliestWord,
  headlines,
  labelValue,
  messageTexts,
  plainLines,
  type SlackMessageLike,
  signal,
  stripMarkup,
  titleOf,
  type WordTable,
  withoutName,
} from './shared.ts';
import { statedTime } from './time.ts';

/**
 * The PagerDuty Slack app: an incident message (`#1234 <incident title>`, status Triggered /
 * Acknowledged / Resolved, urgency High/Low, priority P1–P5) that it edits as the incident
 * moves, and activity in the thread (notes, reassignments, escalations).
 */

const INCIDENT = /#(\d+)\b\s*[:\-–—]?\s*(.+)$/;
const STATUS_PREFIX = /^\[?(?:re-?triggered|triggered|acknowledged|resolved)\]?\s*[:\-–—]?\s*/i;
// Only a status set off from the title: "Payment resolved twice" keeps its word.
const STATUS_SUFFIX =
  /\s+(?:[-–—|(]\s*|(?:was|has been)\s+)(?:re-?triggered|triggered|acknowledged|resolved)\b.*$/i;

const WORDS: WordTable = [
  [/\b(?:re-?)?triggered\b/i, 'firing'],
  [/\bescalated\b/i, 'firing'],
  [/\backnowledged\b/i, 'acknowledged'],
  [/\bresolved\b/i, 'resolved'],
  [/\b(?:note|reassigned|annotated|merged|snoozed|priority changed|urgency changed)\b/i, 'info'],
];
const STATUS_VALUES: Readonly<Record<string, AlertState>> = {
  triggered: 'firing',
  acknowledged: 'acknowledged',
  resolved: 'resolved',
};

/** The incident title, without its number and any status word around it. */
function incidentTitle(m: SlackMessageLike): string {
  for (const line of [...headlines(m), ...plainLines(m)]) {
    const title = INCIDENT.exec(stripMarkup(line))?.[2];
    if (title !== undefined) return stripMarkup(title.replace(STATUS_SUFFIX, ''));
  }
  return titleOf(m).replace(STATUS_PREFIX, '').replace(STATUS_SUFFIX, '');
}

function severity(lines: readonly string[]): string | null {
  const priority = labelValue(lines, 'priority');
  if (priority !== null && /^P[1-5]$/i.test(priority)) return priority.toUpperCase();
  const standalone = lines.map((l) => /\bP[1-5]\b/.exec(l)?.[0]).find((p) => p !== undefined);
  if (standalone !== undefined) return standalone;
  const urgency = labelValue(lines, 'urgency');
  if (urgency !== null) return urgency;
  return lines.map((l) => /\b(high|low)\s+urgency\b/i.exec(l)?.[1]).find((u) => u) ?? null;
}

export const pagerdutyRecogniser: AlertRecogniser = {
  source: 'pagerduty',
  recognise(m) {
    if (!claims(m, 'pagerduty', () => false)) return null;
    const name = incidentTitle(m);
    const lines = withoutName(plainLines(m), name);
    const status = labelValue(lines, 'status')?.toLowerCase() ?? '';
    const state =
      STATUS_VALUES[status] ??
      earliestWord(withoutName(headlines(m), name), WORDS) ??
      earliestWord(lines, WORDS) ??
      'info';
    return signal('pagerduty', state, m, {
      name,
      severity: severity(lines),
      firedAt: statedTime(messageTexts(m)),
    });
  },
};
