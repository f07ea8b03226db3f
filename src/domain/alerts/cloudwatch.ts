import type { AlertState } from '../types.ts';
import {
  type AlertRecogniser,
  claims,
  colourState,
  earliestWord,
  headlines,
  messageTexts,
  plainLines,
  type SlackMessageLike,
  signal,
  titleOf,
  type WordTable,
} from './shared.ts';
import { attachmentTime, statedTime } from './time.ts';

/**
 * CloudWatch alarms relayed by AWS Chatbot (now Amazon Q Developer in chat applications):
 * `ALARM: "<alarm name>" in <region>`, `OK: "…"`, `INSUFFICIENT_DATA: "…"`, or the newer
 * `CloudWatch Alarm | <alarm name> | <region>` headline with the new state in the text.
 */

const CLASSIC = /^(ALARM|OK|INSUFFICIENT_DATA):\s*"(.+)"\s+in\s+\S/;
const PIPED = /CloudWatch Alarm\s*\|\s*([^|]+?)\s*\|/i;
const STATES: Readonly<Record<string, AlertState>> = {
  ALARM: 'firing',
  OK: 'resolved',
  INSUFFICIENT_DATA: 'info',
};
// The state an alarm moved into, as the text says it; the state it left is history.
const NEW_STATE: WordTable = [
  [/\b(?:to|state:?|is now|is in)\s+\*?ALARM\b/i, 'firing'],
  [/\b(?:to|state:?|is now|is in)\s+\*?OK\b/i, 'resolved'],
  [/\b(?:to|state:?|is now|is in)\s+\*?INSUFFICIENT_DATA\b/i, 'info'],
];
const CHANGE_LABELS =
  /\b(?:state ?change ?time|timestamp|started(?: at)?|since|changed from \w+ to ALARM at)\b/gi;

interface Reading {
  state: AlertState | null;
  name: string;
}

function read(m: SlackMessageLike): Reading | null {
  for (const line of headlines(m)) {
    const classic = CLASSIC.exec(line);
    if (classic) return { state: STATES[classic[1] ?? ''] ?? null, name: classic[2] ?? '' };
    const piped = PIPED.exec(line);
    if (piped) return { state: null, name: piped[1] ?? '' };
  }
  return null;
}

export const cloudwatchRecogniser: AlertRecogniser = {
  source: 'cloudwatch',
  recognise(m) {
    if (!claims(m, 'cloudwatch', () => read(m) !== null)) return null;
    const reading = read(m);
    const state =
      reading?.state ??
      earliestWord(plainLines(m), NEW_STATE) ??
      (reading === null
        ? null
        : (m.attachments ?? []).map((a) => colourState(a.color)).find((s) => s !== null)) ??
      'info';
    // The state change time of an OK is when it recovered, so it only dates a firing.
    const firedAt =
      state === 'firing' ? (statedTime(messageTexts(m), CHANGE_LABELS) ?? attachmentTime(m)) : null;
    return signal('cloudwatch', state, m, { name: reading?.name ?? titleOf(m), firedAt });
  },
};
