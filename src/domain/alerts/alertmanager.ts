import type { AlertState } from '../types.ts';
import { stripStateWords } from './generic.ts';
import {
  type AlertRecogniser,
  claims,
  colourState,
  labelValue,
  messageTexts,
  plainLines,
  type SlackMessageLike,
  signal,
  titleOf,
} from './shared.ts';
import { attachmentTime, statedTime } from './time.ts';

/**
 * Prometheus Alertmanager's `slack_configs` default template: one attachment titled
 * `[FIRING:<n>] <group label values> (<other common label values>)` or `[RESOLVED] …`, coloured
 * danger/good, linked to `<external url>/#/alerts`. With `update_message: true` the same message
 * is edited as the group changes.
 */

const SUBJECT = /^\[(FIRING|RESOLVED)(?::\s*\d+)?\]\s*(.*)$/i;
// The parenthesised common labels shrink or grow as alerts join and leave the group; only the
// group label values before them stay the same from the first firing to the resolution.
const COMMON_LABELS = /\s*\([^()]*\)\s*$/;

export interface Subject {
  state: 'firing' | 'resolved';
  name: string;
}

/** Reads the `[FIRING:<n>] …` subject Alertmanager and Grafana share. */
export function parseSubject(title: string): Subject | null {
  const match = SUBJECT.exec(title);
  if (!match) return null;
  const rest = match[2] ?? '';
  const name = rest.replace(COMMON_LABELS, '').trim();
  return {
    state: match[1]?.toUpperCase() === 'FIRING' ? 'firing' : 'resolved',
    name: name === '' ? rest.trim() : name,
  };
}

const ALERTNAME = /(?<![\w-])alertname[*_\s]*[:=][\s*_`]*(.+)$/i;

/**
 * The `alertname` label when the message lists exactly one: what the webhook path names the
 * alert by, so both ways in pair up. Group labels can add more values to the title than that.
 */
export function alertnameOf(lines: readonly string[]): string | null {
  const names = new Set(
    lines
      .map((l) => ALERTNAME.exec(l)?.[1]?.replace(/[\s*_`]+$/, ''))
      .filter((n) => n !== undefined && n !== ''),
  );
  const [only] = names;
  return names.size === 1 && only !== undefined ? only : null;
}

function looksLikeAlertmanager(m: SlackMessageLike): boolean {
  return (m.attachments ?? []).some(
    (a) => /\/#\/alerts\b/.test(a.title_link ?? '') || SUBJECT.test(a.title ?? ''),
  );
}

export const alertmanagerRecogniser: AlertRecogniser = {
  source: 'alertmanager',
  recognise(m) {
    if (!claims(m, 'alertmanager', () => looksLikeAlertmanager(m))) return null;
    const title = titleOf(m);
    const lines = plainLines(m);
    const subject = parseSubject(title);
    const state: AlertState =
      subject?.state ??
      (m.attachments ?? []).map((a) => colourState(a.color)).find((s) => s !== null) ??
      'info';
    return signal('alertmanager', state, m, {
      name: alertnameOf(lines) ?? subject?.name ?? stripStateWords(title),
      severity: labelValue(lines, 'severity'),
      firedAt: statedTime(messageTexts(m)) ?? (state === 'firing' ? attachmentTime(m) : null),
    });
  },
};
