import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { eventEnvelope, postSigned, type SignedPost, slashCommandBody } from './slack-signer.ts';
import { type SlackStandIn, startSlackStandIn } from './slack-stand-in.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(private current: number) {}
  now = (): number => this.current;
  set(at: number): void {
    this.current = at;
  }
  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }
}

/** Slack-style ts ("1763733600.000000") for an epoch-ms instant. */
export function tsAt(ms: number, micros = 0): string {
  const seconds = Math.floor(ms / 1000);
  const rest = (ms % 1000) * 1000 + micros;
  return `${seconds}.${String(rest).padStart(6, '0')}`;
}

/** Log lines kept in memory, to assert on what the bot logged. */
export function captureLogs(): { lines: string[]; sink: Writable } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, sink };
}

/** The bot's settings for a test: the stand-in's URL and token, a free port, debug logs. */
export function testConfig(slack: SlackStandIn, dbPath: string, env: Record<string, string> = {}) {
  return loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    PORT: '0',
    DATABASE_PATH: dbPath,
    SLACK_API_URL: slack.apiUrl,
    SCRIBE_TIMEZONE: 'UTC',
    LOG_LEVEL: 'debug',
    // Periodic backfill is driven by hand in tests (bot.backfill.runNow()).
    BACKFILL_INTERVAL: '0',
    ...env,
  });
}

export interface CommandResult {
  status: number;
  /** The ephemeral text Slack would show from the ack body, if the ack carried one. */
  ackText: string | null;
  responseUrl: string;
}

export interface Harness {
  slack: SlackStandIn;
  bot: RunningBot;
  url: string;
  /** http://127.0.0.1:<port> of the bot, for routes other than /slack/events. */
  baseUrl: string;
  clock: TestClock;
  dbPath: string;
  logLines: string[];
  command(input: {
    userId: string;
    channelId: string;
    command: string;
    text: string;
  }): Promise<CommandResult>;
  /** The ephemeral reply sent later through the command's response_url. */
  replyTo(result: CommandResult, timeoutMs?: number): Promise<string>;
  event(
    event: Record<string, unknown>,
    opts?: { eventId?: string; headers?: Record<string, string> },
  ): Promise<SignedPost>;
  /** Reads the database file through a separate connection, as an operator would. */
  rows(sql: string, ...params: unknown[]): Record<string, unknown>[];
  /** Row count of a table. */
  count(table: string): number;
  /** Waits until the newest draft post-mortem has been accepted by Slack; returns its Markdown. */
  postedDraft(): Promise<string>;
  /** Stops the bot, lets `whileDown` change the world, and starts it again on the same files. */
  restart(whileDown?: () => void | Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  start?: number;
  timeZone?: string;
  /** Extra settings, as environment variables (e.g. WEBHOOK_TOKEN, INCIDENTS_CHANNEL). */
  env?: Record<string, string>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock(options.start ?? Date.UTC(2026, 10, 21, 14, 0, 0));
  const slack = await startSlackStandIn({ token: BOT_TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'scribe-test-'));
  const dbPath = join(dir, 'scribe.db');
  const { lines: logLines, sink } = captureLogs();
  const config = testConfig(slack, dbPath, {
    SCRIBE_TIMEZONE: options.timeZone ?? 'UTC',
    ...options.env,
  });
  const boot = () =>
    startBot({
      config,
      clock,
      logger: createLogger('debug', sink),
      slackRetries: 0,
      historyPaceMs: 0,
    });
  let bot = await boot();
  let eventSeq = 0;

  const harness: Harness = {
    slack,
    clock,
    dbPath,
    logLines,
    get bot() {
      return bot;
    },
    get url() {
      return `http://127.0.0.1:${bot.port}/slack/events`;
    },
    get baseUrl() {
      return `http://127.0.0.1:${bot.port}`;
    },
    async command({ userId, channelId, command, text }) {
      const responseUrl = slack.responseUrl();
      const body = slashCommandBody({ command, text, userId, channelId, responseUrl });
      const res = await postSigned(harness.url, body, {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
      });
      let ackText: string | null = null;
      if (res.body.trim() !== '') {
        const parsed = res.json() as { text?: string };
        ackText = parsed.text ?? null;
      }
      return { status: res.status, ackText, responseUrl };
    },
    async replyTo(result, timeoutMs = 2000) {
      const path = new URL(result.responseUrl).pathname;
      const find = () => slack.responses.find((r) => r.path === path);
      await slack.waitFor(() => find() !== undefined, timeoutMs);
      return String(find()?.body.text ?? '');
    },
    async event(event, opts = {}) {
      eventSeq += 1;
      const body = eventEnvelope(event, { eventId: opts.eventId ?? `Ev${eventSeq}` });
      return postSigned(harness.url, body, {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
        ...(opts.headers ? { headers: opts.headers } : {}),
      });
    },
    rows(sql, ...params) {
      const db = new Database(dbPath, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    count(table) {
      return Number(harness.rows(`select count(*) as n from ${table}`)[0]?.n);
    },
    async postedDraft() {
      const latest = () =>
        harness.rows(
          `select p.status, (select group_concat(d.markdown, '' order by d.part)
             from postmortem_documents d where d.postmortem_id = p.id) as markdown
           from postmortems p order by p.id desc limit 1`,
        )[0];
      // Generous: a 5,000-message draft takes seconds when the whole suite shares the machine.
      await slack.waitFor(() => latest()?.status === 'posted', 10_000);
      return String(latest()?.markdown);
    },
    async restart(whileDown) {
      await bot.stop();
      await whileDown?.();
      bot = await boot();
    },
    async close() {
      await bot.stop();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
