import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { DatabaseSettings } from '../database-config.ts';
import { messageOf } from '../import/export-error.ts';
import { checkNotFolder } from './database.ts';
import { checkOutPath } from './export.ts';
import { CliError, parseUsage } from './usage.ts';

export interface BackupRequest {
  target: string;
  force: boolean;
}

/** The request, or null when help was asked for. */
export function parseBackup(args: string[]): BackupRequest | null {
  const { values, positionals } = parseUsage(() =>
    parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    }),
  );
  if (values.help) return null;
  const [target, ...extra] = positionals;
  if (target === undefined || target.trim() === '') {
    throw new CliError('backup needs a file to write the copy to.', 2);
  }
  if (extra.length > 0) throw new CliError(`Unexpected argument "${extra.join(' ')}".`, 2);
  return { target, force: values.force ?? false };
}

/**
 * The SQLite file to copy. PostgreSQL has its own consistent online dump: exit 1 (the usage was
 * right; this store is not one the command can copy) with what to run instead.
 */
export function backupSource(database: DatabaseSettings): string {
  if (database.engine === 'sqlite') return database.path;
  throw new CliError(
    'scribe backup copies the SQLite file, but DATABASE_URL points at PostgreSQL. Back it up ' +
      'with pg_dump instead, e.g. pg_dump --format=custom --file=scribe.dump "$DATABASE_URL" ' +
      '(docs/deploying.md).',
    1,
  );
}

export interface BackupReport {
  bytes: number;
  pages: number;
  incidents: number;
}

/**
 * Copies the live database with SQLite's online backup API, so the bot can keep writing: the copy
 * is one consistent snapshot. It is written under a temporary name and renamed only once it has
 * passed an integrity check, so a file with the target's name is always a complete backup.
 */
export async function backupDatabase(
  databasePath: string,
  request: BackupRequest,
): Promise<BackupReport> {
  const { target, force } = request;
  if (resolve(target) === resolve(databasePath)) {
    throw new CliError(`The backup cannot be DATABASE_PATH itself (${databasePath}).`, 2);
  }
  // Checked before any work, and nothing is created when a check fails.
  if (!existsSync(databasePath)) {
    throw new CliError(
      `No database at ${databasePath} (set DATABASE_PATH to the bot's SQLite file).`,
      1,
    );
  }
  checkNotFolder(databasePath);
  checkOutPath(target);
  if (!force && existsSync(target)) {
    throw new CliError(`${target} already exists; choose another name or add --force.`, 1);
  }

  const temporary = join(dirname(resolve(target)), `.${basename(target)}.partial-${process.pid}`);
  try {
    await copyDatabase(databasePath, temporary);
    const report = verify(temporary);
    renameSync(temporary, target);
    return report;
  } catch (error) {
    rmSync(temporary, { force: true });
    for (const side of ['-wal', '-shm', '-journal']) rmSync(temporary + side, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`Cannot back up ${databasePath}: ${messageOf(error)}`, 1);
  }
}

async function copyDatabase(source: string, destination: string): Promise<void> {
  let db: Database.Database;
  try {
    db = new Database(source, { fileMustExist: true });
    // The bot's write transactions are short; wait for one rather than fail beside it.
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new CliError(`Cannot open the database ${source}: ${messageOf(error)}`, 1);
  }
  try {
    // All remaining pages in one step: a write by the bot between steps would restart the copy.
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

/**
 * Opens the copy on its own and checks it before it may carry the target's name. Read-write, so
 * that closing it removes the -wal and -shm files SQLite makes beside a WAL-mode database.
 */
function verify(path: string): BackupReport {
  const copy = new Database(path, { fileMustExist: true });
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new CliError(`The copy failed its integrity check: ${check}`, 1);
    const pages = Number(copy.pragma('page_count', { simple: true }));
    const hasIncidents = copy
      .prepare("select 1 from sqlite_master where type = 'table' and name = 'incidents'")
      .get();
    const incidents = hasIncidents
      ? Number((copy.prepare('select count(*) as n from incidents').get() as { n: number }).n)
      : 0;
    return { bytes: statSync(path).size, pages, incidents };
  } finally {
    copy.close();
  }
}

export function backupLine(databasePath: string, target: string, report: BackupReport): string {
  const incidents = report.incidents === 1 ? '1 incident' : `${report.incidents} incidents`;
  return (
    `Backed up ${databasePath} to ${target}: ${report.bytes} bytes (${report.pages} pages), ` +
    `${incidents}; integrity check ok.`
  );
}
