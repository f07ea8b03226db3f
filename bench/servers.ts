// The servers under test, each run alone in a child process:
// `node --import tsx bench/servers.ts <ours|naive|ceiling> <db file> <Slack API url>`; for ours,
// a postgres:// URL in place of the file runs the bot on PostgreSQL (DATABASE_URL).
// Ready: an IPC message { port }. Commands over IPC: { cmd: 'loop' } answers the event loop's
// delay since the last ask (ms: p50, p99, max; gcMax: the longest GC pause), { cmd: 'cpu' } the
// process's CPU time so far (ms), { cmd: 'stop' } shuts down and answers.
// SCRIBE_BENCH_CPU_PROFILE=<dir>: profiles the server from the 'cpu' ask before the measured
// part to the next one (only the timed load), written to <dir>/<kind>-<pid>.cpuprofile, to open
// in Chrome's DevTools (--cpu-prof cannot be passed through NODE_OPTIONS), with the event loop's
// long turns beside it (gaps-<pid>.json); `npx tsx bench/profile-gaps.ts <dir>` says what ran.

import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { App } from '@slack/bolt';
import Database from 'better-sqlite3';
import { startBot } from '../src/bot.ts';
import { systemClock } from '../src/clock.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { BOT_TOKEN, SIGNING_SECRET, serveParent } from './shared.ts';

type Kind = 'ours' | 'naive' | 'ceiling';
const [kind = 'ours', dbPath = '', apiUrl = ''] = process.argv.slice(2) as [Kind, string, string];
const discard = new Writable({ write: (_chunk, _enc, done) => done() });

/** incident-scribe itself, as main.ts starts it (info logs, thrown away). */
async function ours(): Promise<{ port: number; stop(): Promise<void> }> {
  const database = /^postgres(ql)?:\/\//.test(dbPath)
    ? { DATABASE_URL: dbPath }
    : { DATABASE_PATH: dbPath };
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    ...database,
    SLACK_API_URL: apiUrl,
    LOG_LEVEL: 'info',
  });
  const bot = await startBot({ config, clock: systemClock, logger: createLogger('info', discard) });
  return { port: bot.port, stop: () => bot.stop() };
}

/**
 * What a first version would do, written as Bolt's docs show it: `new App({ token,
 * signingSecret })` (Bolt calls auth.test once, at construction, and keeps the bot's ids), its
 * own HTTP receiver and logger, one INSERT per message event. Only the Web API's address is ours.
 */
async function naive(): Promise<{ port: number; stop(): Promise<void> }> {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table if not exists messages (channel text, ts text, user text, text text)');
  const insert = db.prepare('insert into messages values (?, ?, ?, ?)');
  const app = new App({
    token: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    clientOptions: { slackApiUrl: apiUrl },
  });
  app.event('message', async ({ event }) => {
    const e = event as { channel?: string; ts?: string; user?: string; text?: string };
    insert.run(e.channel ?? null, e.ts ?? null, e.user ?? null, e.text ?? null);
  });
  const server = (await app.start(0)) as Server;
  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      await app.stop();
      db.close();
    },
  };
}

/** The ceiling: a plain node:http server that reads the body and answers 200. Nothing else. */
async function ceiling(): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise((closed) => server.close(() => closed())),
  };
}

const started = await { ours, naive, ceiling }[kind]();
const profileDir = process.env.SCRIBE_BENCH_CPU_PROFILE;
let profiler: Session | null = null;

/** Starts the profiler at the first call, writes the profile and stops at the second. */
async function toggleProfile(): Promise<void> {
  if (!profileDir) return;
  if (!profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    return;
  }
  const { profile } = await profiler.post('Profiler.stop');
  writeFileSync(`${profileDir}/${kind}-${process.pid}.cpuprofile`, JSON.stringify(profile));
  writeFileSync(`${profileDir}/gaps-${process.pid}.json`, JSON.stringify(gaps));
  profiler.disconnect();
}
// Profiling: each stretch of more than 35 ms between two turns of the event loop, as [start,
// end] in the profile's clock (microseconds), so bench/profile-gaps.ts can say what ran in it.
const gaps: [number, number][] = [];
if (profileDir) {
  let lastTurn = process.hrtime.bigint();
  setInterval(() => {
    const now = process.hrtime.bigint();
    if (now - lastTurn > 35_000_000n) gaps.push([Number(lastTurn / 1000n), Number(now / 1000n)]);
    lastTurn = now;
  }, 1).unref();
}
const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();
// The main thread's longest garbage-collection pause since the last 'loop' ask: what share of
// the longest block a collection was.
let gcMax = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMax = Math.max(gcMax, entry.duration);
}).observe({ entryTypes: ['gc'] });
serveParent(async (command) => {
  if (command.cmd === 'loop') {
    const ms = (ns: number) => ns / 1e6;
    const answer = {
      p50: ms(loop.percentile(50)),
      p99: ms(loop.percentile(99)),
      max: ms(loop.max),
      gcMax,
    };
    loop.reset();
    gcMax = 0;
    return answer;
  }
  if (command.cmd === 'cpu') {
    await toggleProfile();
    const { user, system } = process.cpuUsage();
    return { ms: (user + system) / 1000 };
  }
  if (command.cmd === 'stop') {
    await started.stop();
    setImmediate(() => process.exit(0));
  }
  return {};
});
process.send?.({ port: started.port });
