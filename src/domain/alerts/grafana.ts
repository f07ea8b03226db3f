import type { AlertState } from '../types.ts';
import { alertnameOf, parseSubject } from './alertmanager.ts';
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
 * Grafana's Slack contact point. Unified alerting titles its attachment like Alertmanager
 * (`[FIRING:<n>] <group label values> (<common labels>)`, by default grouped by alertname and
 * folder), colours it `#D63232`/`#36a64f`, signs the footer `Grafana v…` and stamps `ts` with the
 * send time; the text lists `Value:` and `Labels: - alertname = … - severity = …` per alert.
 * Legacy alerting titled `[Alerting] …`, `[OK] …`, `[No Data] …`.
 */

const LEGACY = /^\[(Alerting|OK|No Data|Pending|Paused|Normal)\]\s*(.+)$/i;
const LEGACY_STATES: Readonly<Record<string, AlertState>> = { alerting: 'firing', ok: 'resolved' };

function legacy(title: string): { state: AlertState; name: string } | null {
  const match = LEGACY.exec(title);
  if (!match) return null;
  return { state: LEGACY_STATES[match[1]?.toLowerCase() ?? ''] ?? 'info', name: match[2] ?? '' };
}

function looksLikeGrafana(m: SlackMessageLike): boolean {
  return (m.attachments ?? []).some((a) => /^\[Alerting\]/i.test(a.title ?? ''));
}

export const grafanaRecogniser: AlertRecogniser = {
  source: 'grafana',
  recognise(m) {
    if (!claims(m, 'grafana', () => looksLikeGrafana(m))) return null;
    const title = titleOf(m);
    const lines = plainLines(m);
    const read = parseSubject(title) ?? legacy(title);
    const state: AlertState =
      read?.state ??
      (m.attachments ?? []).map((a) => colourState(a.color)).find((s) => s !== null) ??
      'info';
    return signal('grafana', state, m, {
      name: alertnameOf(lines) ?? read?.name ?? stripStateWords(title),
      severity: labelValue(lines, 'severity'),
      firedAt: statedTime(messageTexts(m)) ?? (state === 'firing' ? attachmentTime(m) : null),
    });
  },
};
