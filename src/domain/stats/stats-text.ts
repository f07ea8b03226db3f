import { formatDuration } from '../durations.ts';
import { localDay } from '../reminders.ts';
import type { IncidentStats, NamedCount } from './model.ts';
import type { Summary } from './statistics.ts';
import type { TextStyle } from './text-style.ts';

/** The numbers as lines of text, for `/incident stats` (mrkdwn) and `scribe stats` (Markdown). */
export function statsLines(stats: IncidentStats, style: TextStyle, timeZone: string): string[] {
  const span =
    stats.since === null
      ? `up to ${localDay(stats.until, timeZone)}`
      : `${localDay(stats.since, timeZone)} to ${localDay(stats.until, timeZone)}`;
  const period = stats.window === 'all' ? 'all time' : `last ${stats.window}`;
  const service = stats.service === null ? '' : `, service ${style.name(stats.service)}`;
  const head = style.bold(`Incident numbers, ${period}${service}`);
  const lines = [`${head} (${span}, ${timeZone})`];
  if (stats.incidents === 0) return [...lines, 'No incidents were declared in this window.'];
  const privately =
    stats.privateIncidents === 0 ? '' : ` (${stats.privateIncidents} in private channels)`;
  const f = stats.followUps;
  const onTime = f.onTimeShare === null ? '' : `, ${Math.round(f.onTimeShare * 100)}% on time`;
  return [
    ...lines,
    `${style.bold(`${stats.incidents} incident${stats.incidents === 1 ? '' : 's'}`)}${privately}: ${counts(Object.entries(stats.bySeverity), style, false)}`,
    `${style.bold('By category')}: ${counts(Object.entries(stats.byCategory), style, true)}`,
    `${style.bold('By service')}: ${counts(Object.entries(stats.byService), style, true) || 'none tagged'}`,
    `${style.bold('TTD')}: ${summary(stats.ttdMs)}`,
    `${style.bold('TTM')}: ${summary(stats.ttmMs)}`,
    `${style.bold('TTR')}: ${summary(stats.ttrMs)}`,
    `${style.bold('Detected by')}: ${counts(Object.entries(stats.detectedBy), style, false)}`,
    `${style.bold('Follow-ups')}: ${f.open} open (${f.overdue} overdue) · ${f.done} done${onTime} · ${f.dropped} dropped`,
    `${style.bold('Recurring alerts')}: ${recurring(stats.recurringAlerts, style) || 'none'}`,
  ];
}

function counts(entries: Array<[string, number]>, style: TextStyle, named: boolean): string {
  return entries.map(([k, n]) => `${named ? style.name(k) : k} ${n}`).join(' · ');
}

export function recurring(list: readonly NamedCount[], style: TextStyle): string {
  return list
    .slice(0, 10)
    .map((a) => `${style.name(a.name)} (${a.incidents} incidents)`)
    .join(' · ');
}

function summary(s: Summary): string {
  if (s.n === 0 || s.median === null || s.p90 === null) return 'not known yet (n=0)';
  return `median ${formatDuration(s.median)} · p90 ${formatDuration(s.p90)} (n=${s.n})`;
}
