import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type RunningBot, startBot } from '../../src/bot.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { APP_MANIFEST } from '../../src/sandbox/workspace-seed.ts';
import { type Delivered, deliverer, type Retry, type SlackMode } from './deliver.ts';
import { type SyncPg, syncPg } from './pg-sync.ts';
import { type FreshDatabase, freshDatabase } from './postgres.ts';
import {
  type BlockActionInput,
  blockActionBody,
  eventEnvelope,
  type MessageShortcutInput,
  messageShortcutBody,
  slashCommandBody,
} from './slack-signer.ts';
import { type SlackStandIn, startSlackStandIn } from './slack-stand-in.ts';
import { captureLogs, TestClock } from './test-clock.ts';

export type { Delivered, SlackMode } from './deliver.ts';

export type Engine = 'sqlite' | 'postgres';
/** For `describe.each(ENGINES)`: the paths that must work whichever store the bot runs on. */
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];
export { captureLogs, TestClock, tsAt } from './test-clock.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const BOT_TOKEN = 'xoxb-test-token';

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
  /** How Slack reaches the bot: signed POSTs (http) or envelopes over its connection (socket). */
  mode: SlackMode;
  slack: SlackStandIn;
  bot: RunningBot;
  url: string;
  /** http://127.0.0.1:<port> of the bot, for routes other than /slack/events. */
  baseUrl: string;
  clock: TestClock;
  engine: Engine;
  /** The bot's settings: a second bot started with them shares its database (a replica). */
  config: Config;
  /** The SQLite file (unused, never created, on PostgreSQL). */
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
  /** In Socket Mode `status` is 200 for an ack and 0 when none came within `ackMs`. */
  event(
    event: Record<string, unknown>,
    opts?: { eventId?: string; headers?: Record<string, string>; retry?: Retry; ackMs?: number },
  ): Promise<Delivered>;
  /** A button click (block_actions), answered as a command's would be. */
  click(input: Omit<BlockActionInput, 'responseUrl'>): Promise<CommandResult>;
  /** A message shortcut (message_action). */
  shortcut(input: Omit<MessageShortcutInput, 'responseUrl'>): Promise<CommandResult>;
  /**
   * Reads the database through a separate connection, as an operator would. On PostgreSQL `?`
   * placeholders still work, and bigints and booleans read as SQLite shows them (numbers, 1/0).
   */
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
  /** Default 'http'. 'socket' gives the bot an xapp- token and no signing secret. */
  mode?: SlackMode;
  /**
   * Connects the stand-in's people (slack.people) to the bot as the app of manifest.yaml, so what
   * they post, click and type reaches it the way the mode delivers it.
   */
  people?: boolean;
  /** How long a write waits for another connection's lock (the bot's default: 2 s). */
  busyTimeoutMs?: number;
  /** Default 'sqlite'. 'postgres': a fresh database on the run's server, dropped at close. */
  engine?: Engine;
  /** How long one Web API call may take before it counts as failed (the bot's default: 30 s). */
  slackTimeoutMs?: number;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new TestClock(options.start ?? Date.UTC(2026, 10, 21, 14, 0, 0));
  // People's messages are stamped by the test's clock, like the bot's records.
  const slack = await startSlackStandIn({
    token: BOT_TOKEN,
    ...(options.people ? { now: clock.now } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'scribe-test-'));
  const dbPath = join(dir, 'scribe.db');
  const { lines: logLines, sink } = captureLogs();
  const mode = options.mode ?? 'http';
  const engine = options.engine ?? 'sqlite';
  let postgres: { database: FreshDatabase; reader: SyncPg } | null = null;
  if (engine === 'postgres') {
    const database = await freshDatabase();
    postgres = { database, reader: syncPg(database.url) };
  }
  const config = testConfig(slack, dbPath, {
    ...(postgres ? { DATABASE_URL: postgres.database.url, DATABASE_POOL_SIZE: '4' } : {}),
    SCRIBE_TIMEZONE: options.timeZone ?? 'UTC',
    ...(mode === 'socket'
      ? { SLACK_APP_TOKEN: slack.socket.appToken, SLACK_SIGNING_SECRET: '' }
      : {}),
    ...options.env,
  });
  const boot = () =>
    startBot({
      config,
      clock,
      logger: createLogger('debug', sink),
      slackRetries: 0,
      historyPaceMs: 0,
      // The site sends Slack's sign-in back to the port this bot got (siteEnv's WEB_BASE_URL has none).
      webBaseUrl: (port) => `http://127.0.0.1:${port}`,
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
      ...(options.slackTimeoutMs !== undefined ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    });
  let bot = await boot();
  let eventSeq = 0;
  const deliver = deliverer(mode, slack, { url: () => harness.url, secret: SIGNING_SECRET });
  // The bot's port changes at a restart: HTTP deliveries follow it, a socket reconnects itself.
  const connectPeople = () => {
    if (!options.people) return;
    slack.connectApp({
      ...APP_MANIFEST,
      ...(mode === 'socket'
        ? { socketMode: true as const }
        : { url: harness.url, signingSecret: SIGNING_SECRET }),
      retryDelaysMs: [100, 500, 1000],
    });
  };
  const answered = (res: Delivered, responseUrl: string): CommandResult => {
    let ackText: string | null = null;
    if (res.body.trim() !== '') ackText = (res.json() as { text?: string }).text ?? null;
    return { status: res.status, ackText, responseUrl };
  };

  const harness: Harness = {
    mode,
    slack,
    clock,
    engine,
    config,
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
      return answered(await deliver.command(body), responseUrl);
    },
    async click(input) {
      const responseUrl = slack.responseUrl();
      return answered(
        await deliver.interaction(blockActionBody({ ...input, responseUrl })),
        responseUrl,
      );
    },
    async shortcut(input) {
      const responseUrl = slack.responseUrl();
      const body = messageShortcutBody({ ...input, responseUrl });
      return answered(await deliver.interaction(body), responseUrl);
    },
    async replyTo(result, timeoutMs = 30_000) {
      const path = new URL(result.responseUrl).pathname;
      const find = () => slack.responses.find((r) => r.path === path);
      await slack.waitFor(() => find() !== undefined, timeoutMs);
      return String(find()?.body.text ?? '');
    },
    async event(event, opts = {}) {
      eventSeq += 1;
      const body = eventEnvelope(event, { eventId: opts.eventId ?? `Ev${eventSeq}` });
      return deliver.event(body, opts);
    },
    rows(sql, ...params) {
      if (postgres) return postgres.reader.query(sql, params);
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
          `select p.status, (select ${engine === 'postgres' ? 'string_agg' : 'group_concat'}(
             d.markdown, '' order by d.part)
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
      if (mode === 'http') connectPeople();
    },
    async close() {
      await bot.stop();
      await slack.close();
      await postgres?.reader.close();
      await postgres?.database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  connectPeople();
  return harness;
}
