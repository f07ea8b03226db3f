import { checkPostgresUrl } from './store/postgres/url.ts';

/** Which store the bot and the CLI open: the SQLite file, or a PostgreSQL server. */
export type DatabaseSettings =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly url: string; readonly poolSize: number };

export const DEFAULT_DATABASE_PATH = './data/scribe.db';
export const DEFAULT_POOL_SIZE = 10;
const MAX_POOL_SIZE = 100;

type Env = Readonly<Record<string, string | undefined>>;

const setting = (env: Env, name: string) => env[name]?.trim() || undefined;

/**
 * DATABASE_URL selects PostgreSQL; without it, SQLite at DATABASE_PATH. Shared by loadConfig and
 * the CLI, so both open the same store. Problems never quote the URL: it may hold a password.
 */
export function readDatabaseSettings(env: Env): {
  settings: DatabaseSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const path = setting(env, 'DATABASE_PATH') ?? DEFAULT_DATABASE_PATH;
  const url = setting(env, 'DATABASE_URL');
  if (url !== undefined) {
    try {
      checkPostgresUrl(url);
    } catch (error) {
      // checkPostgresUrl's own messages name the scheme at most, never the URL.
      problems.push(`DATABASE_URL is not usable: ${(error as Error).message}`);
    }
  }
  // Checked even for SQLite: a typo must not wait for the day DATABASE_URL is set.
  const poolText = setting(env, 'DATABASE_POOL_SIZE');
  const poolSize = Number(poolText ?? DEFAULT_POOL_SIZE);
  if (
    poolText !== undefined &&
    (!/^\d+$/.test(poolText) || poolSize < 1 || poolSize > MAX_POOL_SIZE)
  ) {
    problems.push(`DATABASE_POOL_SIZE must be a whole number from 1 to ${MAX_POOL_SIZE}`);
  }
  if (url === undefined) return { settings: { engine: 'sqlite', path }, problems };
  return { settings: { engine: 'postgres', url, poolSize }, problems };
}
