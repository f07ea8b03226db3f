import { existsSync, statSync } from 'node:fs';
import { type DatabaseSettings, readDatabaseSettings } from '../database-config.ts';
import { messageOf } from '../import/export-error.ts';
import { type ReadSecretFile, readSecretFile, readSecretFiles } from '../secret-files.ts';
import { openStore } from '../store/open.ts';
import { redactPostgresUrl } from '../store/postgres/url.ts';
import type { Store } from '../usecases/store-port.ts';
import { CliError } from './usage.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The store the bot would open (DATABASE_URL or DATABASE_URL_FILE, else DATABASE_PATH), read
 * without the Slack settings, so the CLI works on a copy or beside a stopped bot.
 */
export function databaseSettingsOf(
  env: Env,
  readFile: ReadSecretFile = readSecretFile,
): DatabaseSettings {
  const secrets = readSecretFiles(env, readFile, ['DATABASE_URL']);
  const { settings, problems } = readDatabaseSettings(secrets.env);
  const all = [...secrets.problems, ...(secrets.failed.length > 0 ? [] : problems)];
  if (all.length > 0) throw new CliError(all.join('\n'), 1);
  return settings;
}

/** For messages: the SQLite path, or the PostgreSQL URL without its password. */
export function describeDatabase(settings: DatabaseSettings): string {
  return settings.engine === 'sqlite' ? settings.path : redactPostgresUrl(settings.url);
}

/** A DATABASE_PATH that names a folder is refused before anything tries to open it. */
export function checkNotFolder(path: string): void {
  if (existsSync(path) && !statSync(path).isFile()) {
    throw new CliError(`DATABASE_PATH ${path} is a folder, not the SQLite file.`, 1);
  }
}

/** Opening a SQLite file creates it: commands that only read refuse a missing one first. */
export function checkSqliteExists(settings: DatabaseSettings): void {
  if (settings.engine !== 'sqlite') return;
  if (!existsSync(settings.path)) {
    throw new CliError(
      `No database at ${settings.path} (set DATABASE_PATH to the bot's SQLite file).`,
      1,
    );
  }
  checkNotFolder(settings.path);
}

/** Opens (creating a missing SQLite file) and migrates the store, runs `work`, then closes it. */
export async function withStore<T>(
  settings: DatabaseSettings,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  if (settings.engine === 'sqlite') checkNotFolder(settings.path);
  let opened: Awaited<ReturnType<typeof openStore>>;
  try {
    opened = await openStore(settings);
  } catch (error) {
    // openPostgres says which server (without the password) and why; SQLite's errors do not.
    const reason = messageOf(error);
    throw new CliError(
      settings.engine === 'postgres'
        ? reason
        : `Cannot open the database ${settings.path}: ${reason}`,
      1,
    );
  }
  try {
    return await work(opened.store);
  } finally {
    await opened.close();
  }
}
