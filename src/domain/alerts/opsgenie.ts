import type { AlertState } from '../types.ts';
import { stripStateWords } from './generic.ts';
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
 * Opsgenie's Slack integration: `[Opsgenie] Alert #1234: <message>` (or `#1234: <message>`),
 * with the action taken (Created, Acknowledged, Closed, Escalated …) and priority P1–P5.
 */

const BRANDED = /\[Opsgenie\]/i;
const ALERT = /(?:\[Opsgenie\]\s*)?(?:Alert\s*)?#(\d+)\b\s*[:\-–—]?\s*(.+)$/i;

const ACTIONS: WordTable = [
  [/\b(?:created|opened|re-?opened|new alert)\b/i, 'firing'],
  // Nobody acknowledged in time, so it is paging again: another firing of the same alert.
  [/\bescalated\b/i, 'firing'],
  [/\b(?:acknowledged|acked)\b/i, 'acknowledged'],
  [/\b(?:closed|resolved)\b/i, 'resolved'],
  [/\b(?:unacknowledged|snoozed|assigned|note|took ownership|updated)\b/i, 'info'],
];
const STATUS_VALUES: Readonly<Record<string, AlertState>> = {
  open: 'firing',
  acked: 'acknowledged',
  acknowledged: 'acknowledged',
  closed: 'resolved',
  resolved: 'resolved',
};

function alertMessage(m: SlackMessageLike): string {
  for (const line of [...headlines(m), ...plainLines(m)]) {
    const message = ALERT.exec(stripMarkup(line))?.[2];
    if (message !== undefined) return stripMarkup(message);
  }
  return stripStateWords(titleOf(m).replace(BRANDED, ''));
}

function severity(lines: readonly string[]): string | null {
  const priority = labelValue(lines, 'priority');
  if (priority !== null && /^P[1-5]$/i.test(priority)) return priority.toUpperCase();
  return lines.map((l) => /\bP[1-5]\b/.exec(l)?.[0]).find((p) => p !== undefined) ?? null;
}

export const opsgenieRecogniser: AlertRecogniser = {
  source: 'opsgenie',
  recognise(m) {
    if (!claims(m, 'opsgenie', () => messageTexts(m).some((t) => BRANDED.test(t)))) return null;
    const name = alertMessage(m);
    const lines = withoutName(plainLines(m), name);
    const status = labelValue(lines, 'status')?.toLowerCase() ?? '';
    const state =
      STATUS_VALUES[status] ??
      earliestWord(withoutName(headlines(m), name), ACTIONS) ??
      earliestWord(lines, ACTIONS) ??
      'info';
    return signal('opsgenie', state, m, {
      name,
      severity: severity(lines),
      firedAt: statedTime(messageTexts(m)),
    });
  },
};
