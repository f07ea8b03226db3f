import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { type BotOptions, type RunningBot, startBot } from '../../src/bot.ts';
import { createLogger } from '../../src/logger.ts';
import {
  BOT_TOKEN,
  captureLogs,
  SIGNING_SECRET,
  TestClock,
  testConfig,
} from '../helpers/harness.ts';
import {
  eventEnvelope,
  postSigned,
  type SignedPost,
  slashCommandBody,
} from '../helpers/slack-signer.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

/** Polls `predicate` until it holds; conditions, not durations, so a loaded machine only slows. */
export async function until(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Reads a database file through a connection of its own, as an operator would. */
export function query(dbPath: string, sql: string, ...params: unknown[]) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

export function integrity(dbPath: string): string {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/** A Slack-style ts for an epoch-ms instant, with a sequence in the microseconds. */
export function slackTs(ms: number, seq = 0): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000 + seq).padStart(6, '0')}`;
}

export interface FaultBot {
  slack: SlackStandIn;
  bot: RunningBot;
  clock: TestClock;
  dbPath: string;
  logs: string[];
  url: string;
  /** Posts a slash command; resolves with the HTTP status and the response URL path. */
  command(text: string, opts?: { command?: string; userId?: string }): Promise<CommandSent>;
  /** The first ephemeral reply sent through a command's response URL. */
  reply(sent: CommandSent, timeoutMs?: number): Promise<string>;
  /** Posts a signed message event; `retry` marks it as Slack's n-th redelivery. */
  event(event: Record<string, unknown>, eventId: string, retry?: number): Promise<SignedPost>;
  rows(sql: string, ...params: unknown[]): Record<string, unknown>[];
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface CommandSent {
  status: number;
  responsePath: string;
  /** Text carried by the ack itself (usage errors), if any. */
  ackText?: string;
}

export const CHANNEL = 'CFAULT01';

/** The real bot in-process against the Slack stand-in, with the fault-relevant options exposed. */
export async function startFaultBot(
  options: {
    start?: number;
    env?: Record<string, string>;
    bot?: Partial<Pick<BotOptions, 'busyTimeoutMs' | 'slackTimeoutMs' | 'slackRetries'>>;
  } = {},
): Promise<FaultBot> {
  const clock = new TestClock(options.start ?? Date.UTC(2026, 10, 23, 10, 0, 0));
  const slack = await startSlackStandIn({ token: BOT_TOKEN });
  slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  slack.addUser({ id: 'UBOB', name: 'bob', displayName: 'Bob', tz: 'UTC' });
  slack.addChannel({ id: CHANNEL, name: 'inc-faults' });
  const dir = tempDir('scribe-fault-');
  const dbPath = join(dir.path, 'scribe.db');
  const { lines: logs, sink } = captureLogs();
  const config = testConfig(slack, dbPath, options.env);
  const boot = () =>
    startBot({
      config,
      clock,
      logger: createLogger('debug', sink),
      slackRetries: 0,
      historyPaceMs: 0,
      ...options.bot,
    });
  let bot = await boot();
  const url = () => `http://127.0.0.1:${bot.port}/slack/events`;
  return {
    slack,
    clock,
    dbPath,
    logs,
    get bot() {
      return bot;
    },
    get url() {
      return url();
    },
    command: (text, opts = {}) => postCommand(url(), slack, { ...opts, text, channelId: CHANNEL }),
    reply: (sent, timeoutMs = 10_000) => commandReply(slack, sent, timeoutMs),
    event(event, eventId, retry) {
      return postSigned(url(), eventEnvelope(event, { eventId }), {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
        ...(retry ? { headers: { 'x-slack-retry-num': String(retry) } } : {}),
      });
    },
    rows: (sql, ...params) => query(dbPath, sql, ...params),
    async restart() {
      await bot.stop();
      bot = await boot();
    },
    async close() {
      await bot.stop();
      await slack.close();
      dir.remove();
    },
  };
}

// The same code `npm start` runs (tsx on src/main.ts), as one process: `node --import tsx`, so a
// signal reaches the bot itself rather than a wrapper that forwards it. The working directory is
// the test's own (main.ts reads a .env from it), so the loader is named by its full path.
const MAIN = resolve('src/main.ts');
const TSX_LOADER = pathToFileURL(resolve('node_modules/tsx/dist/loader.mjs')).href;

export interface BotProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** http://127.0.0.1:<port> once the bot listens (in Socket Mode: its health server's). */
  ready: Promise<string>;
}

export function spawnBot(cwd: string, env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += String(d);
  });
  child.stderr?.on('data', (d) => {
    out += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  const ready = (async () => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const match = /(?:listening on|GET \/healthz on) :(\d+)/.exec(out);
      if (match) return `http://127.0.0.1:${match[1]}`;
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the bot did not start (cwd ${cwd})\n${out}`);
  })();
  ready.catch(() => {});
  return { child, output: () => out, exited, ready };
}

export function botEnv(slack: SlackStandIn, dbPath: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATABASE_PATH: dbPath,
    LOG_LEVEL: 'info',
  };
}

export async function signedCommand(
  base: string,
  slack: SlackStandIn,
  text: string,
  channelId: string,
): Promise<CommandSent> {
  return postCommand(`${base}/slack/events`, slack, { text, channelId });
}

export interface CommandInput {
  text: string;
  channelId: string;
  /** '/incident' unless given. */
  command?: string;
  /** 'UANN' unless given. */
  userId?: string;
}

/**
 * Posts a slash command to `url` signed as Slack signs it, with a fresh response URL of `slack`;
 * resolves with the HTTP status, that URL's path (to find the reply) and any text in the ack.
 */
export async function postCommand(
  url: string,
  slack: SlackStandIn,
  input: CommandInput,
): Promise<CommandSent> {
  const responseUrl = slack.responseUrl();
  const body = slashCommandBody({
    command: input.command ?? '/incident',
    text: input.text,
    userId: input.userId ?? 'UANN',
    channelId: input.channelId,
    responseUrl,
  });
  const res = await postSigned(url, body, {
    secret: SIGNING_SECRET,
    contentType: 'application/x-www-form-urlencoded',
  });
  const ackText = res.body.trim() === '' ? undefined : String(res.body);
  return {
    status: res.status,
    responsePath: new URL(responseUrl).pathname,
    ...(ackText ? { ackText } : {}),
  };
}

/** The first reply `slack` received at a command's response URL. */
export async function commandReply(
  slack: SlackStandIn,
  sent: CommandSent,
  timeoutMs: number,
): Promise<string> {
  const find = () => slack.responses.find((r) => r.path === sent.responsePath);
  await slack.waitFor(() => find() !== undefined, timeoutMs);
  return String(find()?.body.text ?? '');
}

export async function signedEvent(
  base: string,
  event: Record<string, unknown>,
  eventId: string,
): Promise<SignedPost> {
  return postSigned(`${base}/slack/events`, eventEnvelope(event, { eventId }), {
    secret: SIGNING_SECRET,
    contentType: 'application/json',
  });
}
