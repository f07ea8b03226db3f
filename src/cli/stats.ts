import { parseArgs } from 'node:util';
import type { Clock } from '../clock.ts';
import { parseStatsArgs } from '../domain/commands/stats-command.ts';
import { toReviewJson } from '../domain/stats/review-json.ts';
import { reviewLines } from '../domain/stats/review-text.ts';
import { slotOfWeek } from '../domain/stats/schedule.ts';
import { toStatsCsv, toStatsJson } from '../domain/stats/stats-json.ts';
import { statsLines } from '../domain/stats/stats-text.ts';
import { MARKDOWN } from '../domain/stats/text-style.ts';
import { parseStatsWindow, type StatsWindow, windowBounds } from '../domain/stats/window.ts';
import { readStats } from '../usecases/incident-stats.ts';
import { composeReview } from '../usecases/weekly-review.ts';
import { checkSqliteExists, withStore } from './database.ts';
import type { ExportSettings } from './export.ts';
import { CliError, parseUsage } from './usage.ts';

export interface StatsRequest {
  window: StatsWindow;
  service: string | null;
  format: 'md' | 'json' | 'csv';
}

export interface ReviewRequest {
  window: StatsWindow;
  format: 'md' | 'json';
}

function windowOf(raw: string | undefined, fallback: string): StatsWindow {
  const parsed = parseStatsWindow(raw ?? fallback);
  if (!parsed.ok) throw new CliError(`--since: ${parsed.error.replace(/`/g, '"')}`, 2);
  return parsed.window;
}

function formatOf<F extends string>(raw: string | undefined, formats: readonly F[]): F {
  const format = (raw ?? 'md').toLowerCase();
  if (!(formats as readonly string[]).includes(format)) {
    throw new CliError(`Unknown format "${raw}"; use ${formats.join(', ')}.`, 2);
  }
  return format as F;
}

function parse(args: string[], withService: boolean) {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        since: { type: 'string' },
        format: { type: 'string', short: 'f' },
        help: { type: 'boolean', short: 'h' },
        ...(withService ? { service: { type: 'string' } } : {}),
      },
    }),
  );
  if (positionals.length > 0)
    throw new CliError(`Unexpected argument "${positionals.join(' ')}".`, 2);
  return values as { since?: string; format?: string; help?: boolean; service?: string };
}

/** The request, or null when help was asked for. */
export function parseStats(args: string[]): StatsRequest | null {
  const values = parse(args, true);
  if (values.help) return null;
  let service: string | null = null;
  if (values.service !== undefined) {
    // The same rule as `/incident stats service:<name>`.
    const parsed = parseStatsArgs(`service:${values.service}`);
    if (!parsed.ok) throw new CliError(`--service: ${parsed.error.replace(/`/g, '"')}`, 2);
    service = parsed.args.service;
  }
  return {
    window: windowOf(values.since, '90d'),
    service,
    format: formatOf(values.format, ['md', 'json', 'csv'] as const),
  };
}

export function parseReview(args: string[]): ReviewRequest | null {
  const values = parse(args, false);
  if (values.help) return null;
  const window = windowOf(values.since, '7d');
  if (window.days === null)
    throw new CliError('--since for a review is a number of days, e.g. 7d.', 2);
  return { window, format: formatOf(values.format, ['md', 'json'] as const) };
}

export async function statsDocument(
  request: StatsRequest,
  settings: ExportSettings,
  clock: Clock,
): Promise<string> {
  checkSqliteExists(settings.database);
  return withStore(settings.database, async (store) => {
    const answer = await readStats({ store, clock, timeZone: settings.timeZone }, request);
    if (!answer.ok) throw new CliError(answer.error.replace(/`/g, '"'), 1);
    switch (request.format) {
      case 'json':
        return `${JSON.stringify(toStatsJson(answer.stats), null, 2)}\n`;
      case 'csv':
        return toStatsCsv(answer.stats);
      case 'md':
        return `${statsLines(answer.stats, MARKDOWN, settings.timeZone).join('\n\n')}\n`;
    }
  });
}

export async function reviewDocument(
  request: ReviewRequest,
  settings: ExportSettings,
  clock: Clock,
): Promise<string> {
  checkSqliteExists(settings.database);
  return withStore(settings.database, async (store) => {
    const deps = { store, clock, timeZone: settings.timeZone };
    const { since, until } = windowBounds(request.window, clock.now());
    const week = slotOfWeek({ isoDay: 1, minute: 0, label: '' }, until, settings.timeZone).week;
    const review = await composeReview(deps, { week, since: since ?? 0, until });
    if (request.format === 'json') return `${JSON.stringify(toReviewJson(review), null, 2)}\n`;
    return markdownOf(reviewLines(review, MARKDOWN, settings.timeZone));
  });
}

/** Slack-style lines as Markdown: `•` items become a list, every other line a paragraph. */
function markdownOf(lines: readonly string[]): string {
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') continue;
    const item = line.startsWith('• ');
    const previous = out.at(-1);
    if (previous !== undefined && !(item && previous.startsWith('- '))) out.push('');
    out.push(item ? `- ${line.slice(2)}` : line);
  }
  return `${out.join('\n')}\n`;
}
