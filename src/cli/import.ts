import { parseArgs } from 'node:util';
import type { Clock } from '../clock.ts';
import { ExportError } from '../import/export-error.ts';
import { type ImportPlan, planImport } from '../import/plan.ts';
import { readSlackExport } from '../import/read-export.ts';
import { summaryLines } from '../import/summary.ts';
import { type Edge, parseBound } from '../import/window-time.ts';
import { importIncident } from '../usecases/import-incident.ts';
import type { Store } from '../usecases/ports.ts';
import { composeDraft } from '../usecases/publish-draft.ts';
import { describeDatabase, withStore } from './database.ts';
import { type ExportFormat, type ExportSettings, parseFormat, renderDraft } from './export.ts';
import { CliError, parseUsage } from './usage.ts';

export interface ImportRequestArgs {
  source: string;
  channel: string;
  from: string | null;
  to: string | null;
  title: string | null;
  format: ExportFormat;
  out: string | null;
  save: boolean;
}

export interface ImportResult {
  document: string;
  /** Lines for standard error: the window, where every message went, what was saved. */
  report: string[];
}

/** The request, or null when help was asked for. */
export function parseImport(args: string[]): ImportRequestArgs | null {
  const { values, positionals } = parseUsage(() => parseImportArgs(args));
  if (values.help) return null;
  const [source, ...extra] = positionals;
  if (source === undefined || source.trim() === '') {
    throw new CliError('import needs a Slack export: a .zip file or the folder it unpacks to.', 2);
  }
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra.join(' ')}".`, 2);
  const channel = values.channel?.trim().replace(/^#/, '') ?? '';
  if (channel === '') throw new CliError('import needs --channel <name>: the incident channel.', 2);
  const format = parseFormat(values.format);
  for (const name of ['out', 'title', 'from', 'to'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') {
      throw new CliError(`--${name} needs a value.`, 2);
    }
  }
  return {
    source,
    channel,
    from: values.from ?? null,
    to: values.to ?? null,
    title: values.title?.trim() ?? null,
    format,
    out: values.out ?? null,
    save: values.save ?? false,
  };
}

function parseImportArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      channel: { type: 'string', short: 'c' },
      from: { type: 'string' },
      to: { type: 'string' },
      title: { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      save: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * Reads the export, builds the incident and renders its draft; saves it only with --save.
 * `progress` hears about long reads as they happen (standard error, in the CLI).
 */
export async function runImport(
  request: ImportRequestArgs,
  settings: ExportSettings,
  clock: Clock,
  progress?: (line: string) => void,
): Promise<ImportResult> {
  const bounds = {
    from: bound(request.from, 'from', settings.timeZone),
    to: bound(request.to, 'to', settings.timeZone),
  };
  if (bounds.from !== null && bounds.to !== null && bounds.from > bounds.to) {
    throw new CliError('--from is after --to.', 2);
  }
  let plan: ImportPlan;
  let label: string;
  try {
    const exported = await readSlackExport(request.source, request.channel, {
      ...(progress ? { progress } : {}),
    });
    label = exported.label;
    plan = planImport(exported, bounds, request.title);
  } catch (error) {
    if (error instanceof ExportError) throw new CliError(error.message, 1);
    throw error;
  }
  const report = summaryLines(plan.counts, {
    channel: plan.request.channel.name,
    label,
    window: plan.window,
    proposed: bounds.from === null || bounds.to === null,
    timeZone: settings.timeZone,
  });
  // Built in memory first, with the real migrations: a surprise stops here, before the database.
  // Always SQLite in memory, whichever engine --save writes to: the trial touches no server.
  const trial = await withStore({ engine: 'sqlite', path: ':memory:' }, (store) =>
    build(store, plan, request, settings, clock),
  );
  const target = describeDatabase(settings.database);
  if (!request.save) {
    report.push(`Not saved: add --save to store it in ${target}.`);
    return { document: trial.document, report };
  }
  const saved = await withStore(settings.database, (store) =>
    build(store, plan, request, settings, clock),
  );
  report.push(
    `Saved as incident ${saved.incidentId} in ${target}; \`scribe export ${saved.incidentId}\` renders it again.`,
  );
  return { document: saved.document, report };
}

function bound(raw: string | null, edge: Edge, timeZone: string): number | null {
  if (raw === null) return null;
  const parsed = parseBound(raw, edge, timeZone);
  if (!parsed.ok) throw new CliError(parsed.error, 2);
  return parsed.at;
}

async function build(
  store: Store,
  plan: ImportPlan,
  request: ImportRequestArgs,
  settings: ExportSettings,
  clock: Clock,
): Promise<{ incidentId: number; document: string }> {
  const outcome = await importIncident(store, plan.request, clock.now());
  if ('refused' in outcome) throw new CliError(outcome.refused, 1);
  const { incidentId } = outcome;
  const draft = await composeDraft({ store, timeZone: settings.timeZone, clock }, incidentId);
  if (draft === null) throw new Error(`imported incident ${incidentId} is missing`);
  // Rendered exactly as `scribe export` renders a stored incident.
  const meta = { incidentId, channelId: plan.request.channel.id };
  return { incidentId, document: renderDraft(draft, request.format, meta, false) };
}
