// Start-up with a million stored messages: from spawning the bot to GET /healthz answering 200,
// compiled (`node dist/main.js`, as `npm start` runs it) beside tsx (`node --import tsx
// src/main.ts`, as `npm run dev` and the tests run it), in one run. The database is built once
// (direct INSERTs, one transaction) and kept in the temp folder for later runs, keyed by a version
// and the migrations it was built with.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../src/store/db.ts';
import { PEOPLE, random, slackTs } from './corpus.ts';
import { startStandIn } from './ingest.ts';
import { BENCH_START } from './seed.ts';
import { BOT_TOKEN, ms, SIGNING_SECRET, say, table } from './shared.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DB_VERSION = 1;
const PER_INCIDENT = 1_000;
/** Open incidents at start-up (backfill looks at each), with this many messages each. */
const OPEN = 3;

function migrationsHash(): string {
  const dir = join(ROOT, 'migrations', 'sqlite');
  const hash = createHash('sha256');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(file).update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex').slice(0, 12);
}

/** Builds (or reuses) a database of `messages` messages in incidents of 1,000; returns its path. */
export function millionDb(messages: number, log: (line: string) => void = () => {}): string {
  const dir = join(tmpdir(), `scribe-bench-startup-${messages}`);
  const path = join(dir, 'scribe.db');
  const marker = join(dir, 'VERSION');
  const version = `${DB_VERSION} ${migrationsHash()}`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === version) return path;
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const database = openDatabase(path);
  const db = database.sqlite;
  const incident = db.prepare(
    `insert into incidents (channel_id, channel_name, title, severity, status, reporter_id,
       lead_id, declared_at, mitigated_at, resolved_at) values (?, ?, ?, 'sev2', ?, 'U0001',
       'U0002', ?, ?, ?)`,
  );
  const message = db.prepare(
    `insert into messages (incident_id, channel_id, ts, thread_ts, posted_at, user_id, is_bot,
       text, raw, recorded_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  );
  const rnd = random(11);
  db.transaction(() => {
    const incidents = Math.ceil(messages / PER_INCIDENT);
    for (let i = 0; i < incidents; i++) {
      const channel = `CST${String(i).padStart(6, '0')}`;
      const at = BENCH_START - (incidents - i) * 86_400_000;
      const open = i >= incidents - OPEN;
      const id = incident.run(
        channel,
        `inc-${i}`,
        `Incident ${i}`,
        open ? 'declared' : 'resolved',
        at,
        open ? null : at + 3_600_000,
        open ? null : at + 7_200_000,
      ).lastInsertRowid;
      let parent: string | null = null;
      for (let m = 0; m < PER_INCIDENT && i * PER_INCIDENT + m < messages; m++) {
        const postedAt = at + m * 3_000;
        const ts = slackTs(postedAt, m);
        const user = PEOPLE[Math.floor(rnd() * PEOPLE.length)]?.id ?? 'U0001';
        const reply = parent !== null && rnd() < 0.15 ? parent : null;
        const text = `message ${m} of incident ${i}: checking the dashboards`;
        const raw = JSON.stringify({
          type: 'message',
          ts,
          user,
          text,
          thread_ts: reply ?? undefined,
        });
        message.run(id, channel, ts, reply, postedAt, user, text, raw, postedAt);
        if (reply === null) parent = ts;
      }
    }
  })();
  database.close();
  writeFileSync(marker, version);
  log(
    `built ${messages.toLocaleString('en')} messages in ${ms(performance.now() - started)}: ${path}`,
  );
  return path;
}

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
}

/** One start: spawn the bot, poll /healthz until it answers 200. */
export async function timeStartup(
  dbPath: string,
  apiUrl: string,
  port: number,
  mode: StartMode = 'compiled',
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
      if (ok) return { wall: performance.now() - started, cpu: cpuOf(child.pid) };
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
          times[mode].push(await timeStartup(path, slack.apiUrl, 39_000 + i, mode));
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
  } finally {
    for (const file of [empty, `${empty}-wal`, `${empty}-shm`]) rmSync(file, { force: true });
    await slack.close();
  }
  say();
}

const MODES: readonly StartMode[] = ['compiled', 'tsx'];

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? Number.NaN) + (sorted[mid] ?? Number.NaN)) / 2;
}
