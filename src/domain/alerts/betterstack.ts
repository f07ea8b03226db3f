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
} from './shared.ts';
import { statedTime } from './time.ts';

/**
 * Better Stack (formerly Better Uptime): `New incident: <monitor> is down`,
 * `Incident acknowledged: <monitor> …`, `Resolved: <monitor> is up`.
 */

const PREFIX =
  /^(?:new incident|incident (?:started|acknowledged|resolved)|acknowledged|resolved|recovered)(?:\s+by\s+[^:]+)?\s*[:\-–—]\s*/i;
const MONITOR_STATUS = /^(.+?)\s+(?:is|went|has gone|was)\s+(?:back\s+)?(?:down|up)\b/i;

// Acknowledged and resolved first: their messages still say what went down.
const STATES: ReadonlyArray<WordTable> = [
  [[/\backnowledged\b/i, 'acknowledged']],
  [[/\b(?:resolved|recovered|is (?:back )?up|went (?:back )?up)\b/i, 'resolved']],
  [[/\b(?:new incident|incident started|is down|went down)\b/i, 'firing']],
];

function monitorName(m: SlackMessageLike): string {
  const monitor = labelValueLine(plainLines(m), 'monitor');
  if (monitor !== null) return monitor;
  for (const line of headlines(m)) {
    const rest = stripMarkup(line).replace(PREFIX, '');
    const name = MONITOR_STATUS.exec(rest)?.[1] ?? (rest === line ? null : rest);
    if (name) return stripMarkup(name);
  }
  return titleOf(m);
}

/** The whole value after `Monitor:`, which unlike a severity can run to several words. */
function labelValueLine(lines: readonly string[], label: string): string | null {
  const re = new RegExp(`^[*_\\s]*${label}[*_\\s]*:[*_\\s]*(.+)$`, 'i');
  const hit = lines.map((l) => re.exec(l)?.[1]).find((v) => v !== undefined);
  return hit === undefined ? null : stripMarkup(hit);
}

export const betterstackRecogniser: AlertRecogniser = {
  source: 'betterstack',
  recognise(m) {
    if (!claims(m, 'betterstack', () => false)) return null;
    const lines = plainLines(m);
    const state: AlertState =
      STATES.map((words) => earliestWord(lines, words)).find((s) => s !== null) ?? 'info';
    return signal('betterstack', state, m, {
      name: monitorName(m),
      severity: labelValue(lines, 'severity'),
      firedAt: statedTime(messageTexts(m)),
    });
  },
};
