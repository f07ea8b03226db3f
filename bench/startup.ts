// Start-up with a million stored messages: from spawning the bot to GET /healthz answering 200,
// compiled (`node dist/main.js`, as `npm start` runs it) beside tsx (`node --import tsx
// src/main.ts`, as `npm run dev` and the tests run it), in one run; then the compiled bot's idle
// resident memory with the team site off and on. The database: bench/startup-db.ts.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStandIn } from './ingest.ts';
import { BOT_TOKEN, freePort, ms, SIGNING_SECRET, say, table } from './shared.ts';
import { millionDb } from './startup-db.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export { millionDb };

export type StartMode = 'compiled' | 'tsx';

/** The node arguments of each mode. tsx is named by its path: the bot runs in an empty folder. */
function entryArgs(mode: StartMode): string[] {
  return mode === 'compiled'
    ? [join(ROOT, 'dist/main.js')]
    : ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')];
}

/** Builds dist/ if it is older than src/ (what `npm start`'s prestart does); throws if it cannot. */
export function ensureBuilt(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'bin/build-dist.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`bin/build-dist.mjs exited with ${build.status}`);
}

export interface StartTime {
  /** Milliseconds from spawn to the first 200 from /healthz. */
  wall: number;
  /** CPU the bot's process had used by then (all its threads; Linux only, else null). */
  cpu: number | null;
  /** With `settleMs`: resident memory (VmRSS, MB) that long after healthy; else null. */
  idleRss: number | null;
  /** With `settleMs`: the process's peak resident memory (VmHWM, MB) by then; else null. */
  peakRss: number | null;
}

export interface StartOptions {
  /** More settings for the bot (the team site's, for one). */
  env?: Record<string, string>;
  /** Stays this long after healthy, then reads the resident memory (the first jobs' passes). */
  settleMs?: number;
}

/** One start: spawn the bot, poll /healthz until it answers 200. */
export async function timeStartup(
  dbPath: string,
  apiUrl: string,
  port: number,
  mode: StartMode = 'compiled',
  options: StartOptions = {},
): Promise<StartTime> {
  const started = performance.now();
  // From an empty folder: main would read a developer's .env.
  const child = spawn(process.execPath, entryArgs(mode), {
    cwd: tmpdir(),
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      DATABASE_PATH: dbPath,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${mode} bot exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) {
        const time = { wall: performance.now() - started, cpu: cpuOf(child.pid) };
        if (options.settleMs === undefined) return { ...time, idleRss: null, peakRss: null };
        await new Promise((r) => setTimeout(r, options.settleMs));
        return { ...time, ...residentOf(child.pid) };
      }
      // A safety net only: a start takes seconds even when the machine is very busy.
      if (performance.now() - started > 300_000) throw new Error('no healthy answer in 5 min');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * CPU time of a process from /proc (utime + stime, in clock ticks of 10 ms): unlike wall time, it
 * hardly grows when other work shares the cores, so it compares runs on a busy machine.
 */
function cpuOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM of a process in MB (Linux only, else null). */
function residentOf(pid: number | undefined): { idleRss: number | null; peakRss: number | null } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (key: string) => {
      const kb = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
      return kb === undefined ? null : Number(kb) / 1024;
    };
    return { idleRss: mb('VmRSS'), peakRss: mb('VmHWM') };
  } catch {
    return { idleRss: null, peakRss: null };
  }
}

export async function benchStartup(quick: boolean): Promise<void> {
  say('## Start-up: process start → GET /healthz 200, compiled beside tsx');
  const messages = quick ? 100_000 : 1_000_000;
  const dbPath = millionDb(messages, say);
  ensureBuilt();
  const slack = await startStandIn();
  const empty = join(tmpdir(), `scribe-bench-empty-${process.pid}.db`);
  try {
    const runs = quick ? 2 : 5;
    const rows: string[][] = [];
    const medians: Record<string, number> = {};
    for (const [label, path] of [
      ['empty database', empty],
      [`${messages.toLocaleString('en')} messages`, dbPath],
    ] as const) {
      const times: Record<StartMode, StartTime[]> = { compiled: [], tsx: [] };
      // Alternating, so that a busy moment of the machine falls on both modes alike.
      for (let i = 0; i < runs; i++) {
        for (const mode of i % 2 === 0 ? MODES : [...MODES].reverse()) {
          times[mode].push(await timeStartup(path, slack.apiUrl, await freePort(), mode));
        }
      }
      for (const mode of MODES) {
        const wall = times[mode].map((t) => t.wall);
        const cpu = times[mode].map((t) => t.cpu ?? Number.NaN);
        medians[`${label} ${mode}`] = medianOf(wall);
        medians[`${label} ${mode} cpu`] = medianOf(cpu);
        rows.push([
          label,
          mode,
          wall.map(ms).join(' '),
          ms(medianOf(wall)),
          cpu.map(ms).join(' '),
          ms(medianOf(cpu)),
        ]);
      }
      const ratio = (key: string) =>
        `${((medians[`${label} compiled${key}`] ?? Number.NaN) / (medians[`${label} tsx${key}`] ?? 1)).toFixed(2)}×`;
      rows.push([label, 'compiled / tsx', '', ratio(''), '', ratio(' cpu')]);
    }
    say(table(['database', 'entry', 'wall, runs', 'median', 'CPU, runs', 'median'], rows));
    const compiled = medians[`${messages.toLocaleString('en')} messages compiled`] ?? Number.NaN;
    say(
      `target < 1000 ms with ${messages.toLocaleString('en')} messages (compiled, as npm start ` +
        `runs): ${ms(compiled)}, ${compiled < 1000 ? 'met' : 'MISSED'}`,
    );
    say(await idleMemory(dbPath, slack.apiUrl, quick ? 1 : 3));
  } finally {
    for (const file of [empty, `${empty}-wal`, `${empty}-shm`]) rmSync(file, { force: true });
    await slack.close();
  }
  say();
}

const MODES: readonly StartMode[] = ['compiled', 'tsx'];

/** The team site on: sign-in configured (its modules load only then). */
const SITE_ON = {
  SLACK_CLIENT_ID: '1000.2000',
  SLACK_CLIENT_SECRET: 'bench-client-secret',
  WEB_BASE_URL: 'http://127.0.0.1:39090',
  SESSION_SECRET: 'bench-session-secret-of-at-least-32-chars',
};
/** Long enough for the first passes of the jobs that run at start to have come and gone. */
const SETTLE_MS = 3_000;

/** Resident memory of the compiled bot, idle after start, with the site off and on. */
async function idleMemory(dbPath: string, apiUrl: string, runs: number): Promise<string> {
  const rows: string[][] = [];
  for (const [label, env] of [
    ['site off', {}],
    ['site on', SITE_ON],
  ] as const) {
    const starts: StartTime[] = [];
    for (let i = 0; i < runs; i++) {
      starts.push(
        await timeStartup(dbPath, apiUrl, await freePort(), 'compiled', {
          env,
          settleMs: SETTLE_MS,
        }),
      );
    }
    const mb = (values: (number | null)[]) =>
      values.map((v) => (v === null ? 'n/a' : `${v.toFixed(0)} MB`)).join(' ');
    rows.push([
      label,
      mb(starts.map((s) => s.idleRss)),
      `${medianOf(starts.map((s) => s.idleRss ?? Number.NaN)).toFixed(0)} MB`,
      mb(starts.map((s) => s.peakRss)),
    ]);
  }
  return (
    `Idle resident memory, compiled, ${SETTLE_MS / 1000} s after healthy (VmRSS; peak = VmHWM):\n` +
    table(['site', 'idle, runs', 'median', 'peak, runs'], rows)
  );
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}
