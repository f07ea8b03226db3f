import { condense, escapeMrkdwn, plainToSafeMrkdwn } from '../slack-text.ts';
import { formatClock, formatDay, formatZone } from '../time-format.ts';
import type { AlertSource, AlertState } from '../types.ts';
import type { WebhookAlert } from './types.ts';

/**
 * The channel post for newly received alerts: one compact line each, all in one message, because
 * Slack allows about one post a second per channel and an alert storm must not become a backlog.
 */

export const MAX_LINES = 20;

const ICONS: Record<AlertState, string> = {
  firing: ':red_circle:',
  resolved: ':large_green_circle:',
  acknowledged: ':large_yellow_circle:',
  info: ':information_source:',
};

const SOURCE_NAMES: Partial<Record<AlertSource, string>> = {
  alertmanager: 'Alertmanager',
  grafana: 'Grafana',
  generic: 'source',
};

export function alertAnnouncement(
  alerts: readonly WebhookAlert[],
  options: { timeZone: string; now: number },
): string {
  const fits = alerts.length <= MAX_LINES;
  const shown = fits ? alerts : alerts.slice(0, MAX_LINES - 1);
  const lines = shown.map((alert) => alertLine(alert, options));
  if (!fits) {
    lines.push(`…and ${alerts.length - shown.length} more alerts, all recorded for the timeline.`);
  }
  return lines.join('\n');
}

function alertLine(alert: WebhookAlert, options: { timeZone: string; now: number }): string {
  const parts = [`${ICONS[alert.state]} *${alert.state.toUpperCase()}* ${safe(alert.name, 100)}`];
  if (alert.severity !== null) parts.push(safe(alert.severity, 30));
  const [word, at] =
    alert.state === 'resolved' ? ['ended', alert.endsAt] : ['since', alert.startsAt];
  if (at !== null) parts.push(`${word} ${dateToken(at, options)}`);
  const source = SOURCE_NAMES[alert.source] ?? alert.source;
  // The URL was normalised by the parser (http(s) only, no `|`); escaping keeps `&` intact.
  parts.push(alert.url === null ? source : `<${escapeMrkdwn(alert.url)}|${source}>`);
  const line = parts.join(' · ');
  return alert.summary === alert.name ? line : `${line} — ${safe(alert.summary, 150)}`;
}

function safe(plain: string, max: number): string {
  return plainToSafeMrkdwn(condense(plain, max));
}

/** Slack shows `{time}` in each reader's zone; the fallback uses the configured one. */
function dateToken(at: number, { timeZone, now }: { timeZone: string; now: number }): string {
  const seconds = Math.floor(at / 1000);
  const clock = `${formatClock(at, timeZone).slice(0, 5)} ${formatZone(at, timeZone)}`;
  if (formatDay(at, timeZone) === formatDay(now, timeZone)) {
    return `<!date^${seconds}^{time}|${clock}>`;
  }
  return `<!date^${seconds}^{date_short} {time}|${formatDay(at, timeZone)} ${clock}>`;
}
