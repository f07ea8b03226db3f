import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { formatTime } from '../domain/time-format.ts';
import type { ImportedMessage, Reading } from './interpret.ts';
import type { ImportWindow, Placed } from './window.ts';

/** Where every message of the channel's files went; read = recorded + outside + ignored. */
export interface ImportCounts {
  read: number;
  days: number;
  recorded: number;
  alerts: number;
  threads: number;
  before: number;
  after: number;
  ignored: ReadonlyMap<string, number>;
}

export function countImport(
  readings: readonly Reading[],
  placed: Placed,
  days: number,
): ImportCounts {
  const ignored = new Map<string, number>();
  for (const r of readings) {
    if (r.kind === 'ignored') ignored.set(r.reason, (ignored.get(r.reason) ?? 0) + 1);
  }
  return {
    read: readings.length,
    days,
    recorded: placed.recorded.length,
    alerts: placed.recorded.filter((i) => i.message.alert !== null).length,
    threads: threadsOf(placed.recorded),
    before: placed.before,
    after: placed.after,
    ignored,
  };
}

function threadsOf(items: readonly ImportedMessage[]): number {
  return new Set(items.map((i) => i.message.threadTs).filter((t) => t !== null)).size;
}

export interface SummaryContext {
  channel: string;
  label: string;
  window: ImportWindow;
  /** Neither bound was given, or only one: the window was (partly) proposed. */
  proposed: boolean;
  timeZone: string;
}

export function summaryLines(counts: ImportCounts, context: SummaryContext): string[] {
  const { window, timeZone } = context;
  const ignoredTotal = [...counts.ignored.values()].reduce((a, b) => a + b, 0);
  const reasons = [...counts.ignored.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, n]) => `${reason} ${n}`);
  const lines = [
    `Read ${counts.read} messages of #${context.channel} from ${counts.days} day files in ${context.label}.`,
    `Window: ${formatTime(window.from, timeZone)} to ${formatTime(window.to, timeZone)}${context.proposed ? ' (proposed: from the first alert or report to the last message)' : ''}.`,
    `  recorded in the window: ${counts.recorded} (${plural(counts.alerts, 'alert message')}, ${plural(counts.threads, 'thread')})`,
    `  outside the window:     ${counts.before + counts.after} (${counts.before} before, ${counts.after} after)`,
    `  ignored:                ${ignoredTotal}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`,
  ];
  if (context.proposed) {
    lines.push(
      `To choose the window yourself: --from ${isoInZone(window.from, timeZone)} --to ${isoInZone(window.to, timeZone)}`,
    );
  }
  return lines;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `2026-03-12T14:05:09+01:00`: what --from/--to read back to the same second. */
function isoInZone(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), "yyyy-MM-dd'T'HH:mm:ssXXX");
}
