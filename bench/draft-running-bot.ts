// The big draft on the running bot: an open incident of N messages seeded into the bot's
// database, then a signed `/incident resolve`; the bot's own process (`node dist/main.js`, as
// `npm start` runs it, or under tsx as `npm run dev` does) is watched from outside
// (/proc/<pid>/status) for its resident set, and the draft is timed until its file is uploaded
// to the Slack stand-in. The compose-only figures are benchmark 3 (bench/draft.ts).

import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SlackStandIn } from '../src/stand-in/index.ts';
import { openDatabase } from '../src/store/db.ts';
import { type DraftTrace, describeTrace, traceDraft } from './draft-trace.ts';
import { startStandIn } from './ingest.ts';
import { seedIncident } from './seed.ts';
import {
  BOT_TOKEN,
  freePort,
  ms,
  postCommand,
  SIGNING_SECRET,
  say,
  table,
  tempDir,
} from './shared.ts';
import { ensureBuilt, type StartMode } from './startup.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHANNEL = 'CBIGRUN1';

export interface RunningBotDraft {
  messages: number;
  mode: StartMode;
  /** The bot's resident set once started and idle, before the resolve. */
  idleRssMb: number;
  /** The highest resident set the process ever had (VmHWM), read after the draft was uploaded. */
  peakRssMb: number;
  /** From sending `/incident resolve` to the draft's file completed in the stand-in. */
  draftMs: number;
  markdownBytes: number;
  /** With `--trace`: the resident set sampled every ~10 ms through the draft, by phase. */
  trace?: DraftTrace;
}

/** VmRSS and VmHWM of a process in MB, from /proc (Linux); null once it is gone. */
export function residentMb(pid: number): { rss: number; hwm: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rss: Math.round(kb('VmRSS') / 1024), hwm: Math.round(kb('VmHWM') / 1024) };
}

function completedDraft(slack: SlackStandIn): { length: number } | null {
  for (const upload of slack.workspace.uploads.values()) {
    if (upload.completed && upload.filename.endsWith('.md')) return upload;
  }
  return null;
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The bot as main.ts starts it, from an empty folder (so no developer's .env is read). */
function startBotProcess(
  mode: StartMode,
  dbPath: string,
  apiUrl: string,
  port: number,
  cwd: string,
) {
  const entry =
    mode === 'compiled'
      ? [join(ROOT, 'dist/main.js')]
      : ['--import', import.meta.resolve('tsx'), join(ROOT, 'src/main.ts')];
  return spawn(process.execPath, entry, {
    cwd,
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
}

async function waitHealthy(bot: ChildProcess, port: number): Promise<void> {
  const end = performance.now() + 300_000;
  for (;;) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with ${bot.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return;
    if (performance.now() > end) throw new Error('no healthy answer in 5 min');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One bot, one incident of `messages` messages, resolved once; measured from outside. */
export async function measureRunningBotDraft(
  messages: number,
  mode: StartMode,
  trace = false,
): Promise<RunningBotDraft> {
  const work = tempDir('scribe-bench-running-draft-');
  const slack = await startStandIn();
  let bot: ChildProcess | undefined;
  try {
    slack.addChannel({ id: CHANNEL, name: 'inc-big-running' });
    const dbPath = join(work.path, 'scribe.db');
    const database = openDatabase(dbPath);
    seedIncident(database.db, { channelId: CHANNEL, messages });
    database.close();
    const port = await freePort();
    bot = startBotProcess(mode, dbPath, slack.apiUrl, port, work.path);
    const pid = bot.pid ?? 0;
    await waitHealthy(bot, port);
    // Start-up work (migrations, the open incident's backfill) settles before the baseline.
    await new Promise((r) => setTimeout(r, 2000));
    const idle = residentMb(pid);
    const url = `http://127.0.0.1:${port}/slack/events`;
    const tracer = trace ? traceDraft(pid, slack) : null;
    const started = performance.now();
    const res = await postCommand(url, {
      channelId: CHANNEL,
      userId: 'U0002',
      text: 'resolve',
      responseUrl: slack.responseUrl(),
    });
    if (res.status !== 200) throw new Error(`resolve answered HTTP ${res.status}`);
    await until(() => completedDraft(slack) !== null, 300_000, 'the draft upload');
    const draftMs = performance.now() - started;
    const traced = tracer?.stop();
    const after = residentMb(pid);
    return {
      messages,
      mode,
      idleRssMb: idle?.rss ?? Number.NaN,
      peakRssMb: after?.hwm ?? Number.NaN,
      draftMs,
      markdownBytes: completedDraft(slack)?.length ?? 0,
      ...(traced ? { trace: traced } : {}),
    };
  } finally {
    if (bot && bot.exitCode === null) {
      const exited = new Promise((done) => bot?.once('exit', done));
      bot.kill('SIGTERM');
      await exited;
    }
    await slack.close();
    work.remove();
  }
}

export async function benchRunningBotDraft(quick: boolean): Promise<void> {
  say('## The draft on the running bot (seeded incident, /incident resolve, RSS from /proc)');
  ensureBuilt();
  const sizes = quick ? [10_000] : [50_000, 100_000];
  // `--trace` samples the compiled bot only (the figures the target is about).
  const trace = process.argv.includes('--trace');
  const modes = trace ? (['compiled'] as const) : (['compiled', 'tsx'] as const);
  const results: RunningBotDraft[] = [];
  for (const size of sizes) {
    for (const mode of modes) {
      const result = await measureRunningBotDraft(size, mode, trace);
      if (result.trace) say(`${size} messages, ${mode}:\n${describeTrace(result.trace)}\n`);
      results.push(result);
    }
  }
  say(
    table(
      ['messages', 'bot', 'idle RSS', 'peak RSS (VmHWM)', 'resolve → uploaded', 'markdown'],
      results.map((r) => [
        r.messages.toLocaleString('en'),
        r.mode === 'compiled' ? 'node dist/main.js' : 'tsx src/main.ts',
        `${r.idleRssMb} MB`,
        `${r.peakRssMb} MB`,
        ms(r.draftMs),
        `${(r.markdownBytes / 1024 / 1024).toFixed(1)} MB`,
      ]),
    ),
  );
  const big = results.find((r) => r.messages === 50_000 && r.mode === 'compiled');
  if (big) {
    say(`target draft < 1000 ms: ${big.draftMs < 1000 ? 'met' : 'MISSED'} (${ms(big.draftMs)})`);
    say(
      `target peak RSS < 200 MB: ${big.peakRssMb < 200 ? 'met' : 'MISSED'} (${big.peakRssMb} MB)`,
    );
  }
  say();
}
