// The big draft on the running bot: an open incident of N messages seeded into the bot's
// database, then a signed `/incident resolve`; the bot's own process is watched from outside
// (/proc/<pid>/status) for its resident set, and the draft is timed until its file is uploaded
// to the Slack stand-in. The compose-only figures are benchmark 3 (bench/draft.ts).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackStandIn } from '../src/stand-in/index.ts';
import { openDatabase } from '../src/store/db.ts';
import { startStandIn } from './ingest.ts';
import { seedIncident } from './seed.ts';
import { ms, postCommand, say, startChild, table, tempDir } from './shared.ts';

const CHANNEL = 'CBIGRUN1';

export interface RunningBotDraft {
  messages: number;
  /** The bot's resident set once started and idle, before the resolve. */
  idleRssMb: number;
  /** The highest resident set the process ever had (VmHWM), read after the draft was uploaded. */
  peakRssMb: number;
  /** From sending `/incident resolve` to the draft's file completed in the stand-in. */
  draftMs: number;
  markdownBytes: number;
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

/** One bot, one incident of `messages` messages, resolved once; measured from outside. */
export async function measureRunningBotDraft(messages: number): Promise<RunningBotDraft> {
  const dir = tempDir('scribe-bench-running-draft-');
  const slack = await startStandIn();
  let bot: Awaited<ReturnType<typeof startChild<{ port: number }>>> | undefined;
  try {
    slack.addChannel({ id: CHANNEL, name: 'inc-big-running' });
    const dbPath = join(dir.path, 'scribe.db');
    const database = openDatabase(dbPath);
    seedIncident(database.db, { channelId: CHANNEL, messages });
    database.close();
    bot = await startChild<{ port: number }>('servers.ts', ['ours', dbPath, slack.apiUrl]);
    const pid = bot.process.pid ?? 0;
    // Start-up work (migrations, backfill of the open incident) settles before the baseline.
    await new Promise((r) => setTimeout(r, 2000));
    const idle = residentMb(pid);
    const url = `http://127.0.0.1:${bot.ready.port}/slack/events`;
    const started = performance.now();
    const res = await postCommand(url, { channelId: CHANNEL, userId: 'U0002', text: 'resolve' });
    if (res.status !== 200) throw new Error(`resolve answered HTTP ${res.status}`);
    await until(() => completedDraft(slack) !== null, 300_000, 'the draft upload');
    const draftMs = performance.now() - started;
    const after = residentMb(pid);
    return {
      messages,
      idleRssMb: idle?.rss ?? Number.NaN,
      peakRssMb: after?.hwm ?? Number.NaN,
      draftMs,
      markdownBytes: completedDraft(slack)?.length ?? 0,
    };
  } finally {
    await bot?.stop();
    await slack.close();
    dir.remove();
  }
}

export async function benchRunningBotDraft(quick: boolean): Promise<void> {
  say('## The draft on the running bot (seeded incident, /incident resolve, RSS from /proc)');
  const sizes = quick ? [10_000] : [50_000, 100_000];
  const results: RunningBotDraft[] = [];
  for (const size of sizes) results.push(await measureRunningBotDraft(size));
  say(
    table(
      ['messages', 'idle RSS', 'peak RSS (VmHWM)', 'resolve → uploaded', 'markdown'],
      results.map((r) => [
        r.messages.toLocaleString('en'),
        `${r.idleRssMb} MB`,
        `${r.peakRssMb} MB`,
        ms(r.draftMs),
        `${(r.markdownBytes / 1024 / 1024).toFixed(1)} MB`,
      ]),
    ),
  );
  const big = results.find((r) => r.messages === 50_000);
  if (big) {
    say(`target draft < 1000 ms: ${big.draftMs < 1000 ? 'met' : 'MISSED'} (${ms(big.draftMs)})`);
    say(
      `target peak RSS < 200 MB: ${big.peakRssMb < 200 ? 'met' : 'MISSED'} (${big.peakRssMb} MB)`,
    );
  }
  say();
}
