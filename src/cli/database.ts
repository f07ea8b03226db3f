import { existsSync, statSync } from 'node:fs';
import { messageOf } from '../import/export-error.ts';
import { openDatabase } from '../store/db.ts';
import { createStore, type Store } from '../store/index.ts';
import { CliError } from './usage.ts';

/** A DATABASE_PATH that names a folder is refused before anything tries to open it. */
export function checkNotFolder(path: string): void {
  if (existsSync(path) && !statSync(path).isFile()) {
    throw new CliError(`DATABASE_PATH ${path} is a folder, not the SQLite file.`, 1);
  }
}

/** Opens (creating it when missing) and migrates the database, runs `work`, then closes it. */
export async function withStore<T>(path: string, work: (store: Store) => Promise<T>): Promise<T> {
  let opened: ReturnType<typeof openDatabase>;
  try {
    opened = openDatabase(path);
  } catch (error) {
    throw new CliError(`Cannot open the database ${path}: ${messageOf(error)}`, 1);
  }
  try {
    return await work(createStore(opened.db));
  } finally {
    opened.close();
  }
}
