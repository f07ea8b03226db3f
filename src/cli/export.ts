import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Clock } from '../clock.ts';
import { renderPostmortemHtml } from '../domain/postmortem/html.ts';
import { toPostmortemJson } from '../domain/postmortem/json.ts';
import { renderPostmortemMarkdown } from '../domain/postmortem/markdown.ts';
import { isValidTimeZone } from '../domain/time-zone.ts';
import { openDatabase } from '../store/db.ts';
import { createStore } from '../store/index.ts';
import { composeDraft } from '../usecases/publish-draft.ts';
import { resolveIncident } from './resolve-incident.ts';
import { CliError } from './usage.ts';

export const FORMATS = ['md', 'json', 'html'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export interface ExportRequest {
  incident: string;
  format: ExportFormat;
  out: string | null;
  public: boolean;
}

export interface ExportSettings {
  databasePath: string;
  timeZone: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Only what an export needs: no Slack settings, so it works on a copy of the database. */
export function exportSettings(env: Env): ExportSettings {
  const databasePath = env.DATABASE_PATH?.trim() || './data/scribe.db';
  const timeZone = env.SCRIBE_TIMEZONE?.trim() || 'UTC';
  if (!isValidTimeZone(timeZone)) {
    throw new CliError(
      `SCRIBE_TIMEZONE must be an IANA time zone such as Europe/Berlin (got "${timeZone}")`,
      1,
    );
  }
  return { databasePath, timeZone };
}

/** Renders the document; the caller decides where it goes. */
export function exportDocument(
  request: ExportRequest,
  settings: ExportSettings,
  clock: Clock,
): string {
  const { databasePath } = settings;
  // openDatabase creates folders and an empty database: a typo in the path must not do that.
  if (!existsSync(databasePath)) {
    throw new CliError(
      `No database at ${databasePath} (set DATABASE_PATH to the bot's SQLite file).`,
      1,
    );
  }
  if (!statSync(databasePath).isFile()) {
    throw new CliError(`DATABASE_PATH ${databasePath} is a folder, not the SQLite file.`, 1);
  }
  let opened: ReturnType<typeof openDatabase>;
  try {
    opened = openDatabase(databasePath);
  } catch (error) {
    throw new CliError(`Cannot open the database ${databasePath}: ${messageOf(error)}`, 1);
  }
  try {
    const store = createStore(opened.db);
    const incident = resolveIncident(store.incidents, request.incident);
    if (incident === null) throw new CliError(`No incident matches "${request.incident}".`, 1);
    const draft = composeDraft({ store, timeZone: settings.timeZone, clock }, incident.id);
    if (draft === null) throw new CliError(`No incident matches "${request.incident}".`, 1);
    switch (request.format) {
      case 'md':
        return renderPostmortemMarkdown(draft);
      case 'json': {
        const meta = { incidentId: incident.id, channelId: incident.channelId };
        return `${JSON.stringify(toPostmortemJson(draft, meta), null, 2)}\n`;
      }
      case 'html':
        return renderPostmortemHtml(draft, { public: request.public });
    }
  } finally {
    opened.close();
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
