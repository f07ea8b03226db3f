import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../clock.ts';
import type { DatabaseSettings } from '../database-config.ts';
import { renderPostmortemHtml } from '../domain/postmortem/html.ts';
import { toPostmortemJson } from '../domain/postmortem/json.ts';
import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import { isValidTimeZone } from '../domain/time-zone.ts';
import { messageOf } from '../import/export-error.ts';
import { composeDraft } from '../usecases/publish-draft.ts';
import { checkSqliteExists, databaseSettingsOf, withStore } from './database.ts';
import { resolveIncident } from './resolve-incident.ts';
import { CliError, parseUsage } from './usage.ts';

export const FORMATS = ['md', 'json', 'html'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportRequest {
  incident: string;
  format: ExportFormat;
  out: string | null;
  public: boolean;
}

export interface ExportSettings {
  database: DatabaseSettings;
  timeZone: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Only what an export needs: no Slack settings, so it works on a copy of the database. */
export function exportSettings(env: Env): ExportSettings {
  const database = databaseSettingsOf(env);
  const timeZone = env.SCRIBE_TIMEZONE?.trim() || 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new CliError(
      `SCRIBE_TIMEZONE must be an IANA time zone such as Europe/Berlin (got "${timeZone}")`,
      1,
    );
  }
  return { database, timeZone };
}

/** Renders the document; the caller decides where it goes. */
export async function exportDocument(
  request: ExportRequest,
  settings: ExportSettings,
  clock: Clock,
): Promise<string> {
  // openDatabase creates folders and an empty database: a typo in the path must not do that.
  checkSqliteExists(settings.database);
  return withStore(settings.database, async (store) => {
    const incident = await resolveIncident(store.incidents, request.incident);
    if (incident === null) throw new CliError(`No incident matches "${request.incident}".`, 1);
    const draft = await composeDraft({ store, timeZone: settings.timeZone, clock }, incident.id);
    if (draft === null) throw new CliError(`No incident matches "${request.incident}".`, 1);
    const meta = { incidentId: incident.id, channelId: incident.channelId };
    // A public page hides everyone the workspace knows, not only the incident's own people.
    const knownNames = request.public ? [...(await store.people.directory()).values()] : [];
    return renderDraft(draft, request.format, meta, request.public, knownNames);
  });
}

/** The one rendering of a draft, shared by `scribe export` and `scribe import`. */
export function renderDraft(
  draft: PostmortemDraft,
  format: ExportFormat,
  meta: { incidentId: number; channelId: string },
  isPublic: boolean,
  knownNames: readonly string[] = [],
): string {
  switch (format) {
    case 'md':
      return renderPostmortemMarkdown(draft);
    case 'json':
      return `${JSON.stringify(toPostmortemJson(draft, meta), null, 2)}\n`;
    case 'html':
      return renderPostmortemHtml(draft, { public: isPublic, knownNames });
  }
}

/** Checked before any work, so a wrong path fails fast and leaves nothing half-written. */
export function checkOutPath(out: string): void {
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`Cannot write ${out}: the folder ${folder} does not exist.`, 1);
  }
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new CliError(`Cannot write ${out}: it is a folder.`, 1);
  }
}

/** Writes the file and returns the line that reports it. */
export function writeDocument(out: string, document: string): string {
  try {
    writeFileSync(out, document);
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${messageOf(error)}`, 1);
  }
  return `Wrote ${out} (${Buffer.byteLength(document)} bytes)`;
}

/** The request, or null when help was asked for. */
export function parseExport(args: string[]): ExportRequest | null {
  const { values, positionals } = parseUsage(() => parseExportArgs(args));
  if (values.help) return null;
  const [incident, ...extra] = positionals;
  if (incident === undefined || incident.trim() === '') {
    throw new CliError('export needs an incident: an id, #channel-name or channel id.', 2);
  }
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra.join(' ')}".`, 2);
  const format = parseFormat(values.format);
  if (values.public && format !== 'html') {
    throw new CliError('--public applies to --format html only.', 2);
  }
  if (values.out !== undefined && values.out.trim() === '') {
    throw new CliError('--out needs a file name.', 2);
  }
  return { incident, format, out: values.out ?? null, public: values.public ?? false };
}

function parseExportArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      public: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** --format as typed (any case), md when absent. */
export function parseFormat(raw: string | undefined): ExportFormat {
  const format = (raw ?? 'md').toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`Unknown format "${raw}"; use md, json or html.`, 2);
  }
  return format as ExportFormat;
}
