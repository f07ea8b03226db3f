import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildBotApp, type SiteLinks } from './bot-app.ts';
import { botDeps } from './bot-deps.ts';
import { setUpMetrics } from './bot-metrics-setup.ts';
import { slackClients } from './bot-slack-clients.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { newReplica } from './jobs/heartbeat.ts';
import type { PeriodicJob } from './jobs/periodic.ts';
import { type BotJobs, startJobs } from './jobs/start-jobs.ts';
import type { Logger } from './logger.ts';
import type { MetricsServer } from './metrics/server.ts';
import { slackErrorCode } from './slack/errors.ts';
import { within } from './slack/in-flight.ts';
import type { BotIdentity } from './slack/notifier.ts';
import type { OpenedDb } from './store/db.ts';
import { openStore } from './store/open.ts';
import type { Deps, Replica } from './usecases/ports.ts';

export interface BotOptions {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Web API retries (default SLACK_RETRY_POLICY); tests pass 0 to fail at once. */
  slackRetries?: number;
  /** Gap between history calls; tests pass 0. */
  historyPaceMs?: number;
  /** Interface to listen on, in both modes (the sandbox passes 127.0.0.1); default all. */
  host?: string;
  /**
   * Wall-clock time for checking the timestamps Slack signs requests with. Always real time in
   * production; separate from `clock`, which tests move by hand.
   */
  requestClock?: Clock;
  /** How long a database write waits for another connection's lock; default 2 s. */
  busyTimeoutMs?: number;
  /** How long one Web API attempt may take before it counts as failed; default 30 s. */
  slackTimeoutMs?: number;
  /**
   * On stop, how long to wait for requests and job passes in flight before closing the database
   * anyway; default 20 s (within the usual 30-second grace before a SIGKILL).
   */
  drainMs?: number;
  /** This process among replicas; default a fresh id with the configured lease. */
  replica?: Replica;
  /**
   * The team site's base URL once the port is known, in place of WEB_BASE_URL: tests and the
   * sandbox listen on a port picked at start, which Slack must send people back to.
   */
  webBaseUrl?: (port: number) => string;
}

export interface RunningBot {
  /** The port actually listened on (useful with PORT=0). */
  port: number;
  /** The port of GET /metrics (useful with METRICS_PORT=0); null when METRICS_PORT is unset. */
  metricsPort: number | null;
  deps: Deps;
  backfill: BotJobs['backfill'];
  drafts: BotJobs['drafts'];
  reminders: BotJobs['reminders'];
  /** WEEKLY_REVIEW's job (its passes do nothing when it is unset). */
  weeklyReview: BotJobs['weeklyReview'];
  github: BotJobs['github'];
  /** The bot's own SQLite connection (pragmas such as max_page_count are per connection). */
  database: OpenedDb | null;
  /** Which store is behind `deps.store`; `database` is null on PostgreSQL. */
  engine: 'sqlite' | 'postgres';
  /** This process among the replicas sharing the database (its id names it in the claims). */
  replica: Replica;
  /** The SQLite path or the PostgreSQL URL without its password, for the start-up log. */
  databaseLabel: string;
  /**
   * Stops taking requests, stops the timers, waits for work in flight (up to `drainMs`), then
   * closes the store (SQLite: after a checkpoint). Idempotent.
   */
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, clock, logger } = options;
  const database = await openStore(config.database, {
    logger,
    // Checkpoints off the thread that answers Slack (ADR 0018).
    walCheckpointer: true,
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const { store } = database;
  const replica = options.replica ?? newReplica(config.jobLeaseMs);
  // What a configuration leaves off is not loaded at all (metrics, the site, PostgreSQL,
  // Octokit, Socket Mode's receiver): start-up time and idle memory (docs/performance.md).
  const prometheus = await setUpMetrics(config.metricsPort, {
    store,
    clock,
    timeZone: config.timeZone,
    logger,
    ...(options.host !== undefined ? { host: options.host } : {}),
  });
  const metrics = prometheus?.metrics ?? null;
  const slack = slackClients(config, {
    clock,
    logger,
    count: metrics ? metrics.slackApiCall : () => {},
    timeoutMs: options.slackTimeoutMs ?? DEFAULT_SLACK_TIMEOUT_MS,
    ...(options.slackRetries !== undefined ? { retries: options.slackRetries } : {}),
  });
  const self: BotIdentity = { userId: null, botId: null };
  // Known once auth.test has answered and the server listens (the routes exist before either).
  const site: SiteLinks = { teamId: null, baseUrl: config.web.baseUrl ?? '' };
  const deps = botDeps(config, {
    clock,
    logger,
    database,
    slack,
    self,
    replica,
    metrics,
    ...(options.historyPaceMs !== undefined ? { historyPaceMs: options.historyPaceMs } : {}),
  });
  const jobs: PeriodicJob[] = [];
  const { app, socket, inFlight } = await buildBotApp(config, {
    deps,
    database,
    slack,
    site,
    jobs: () => jobs.map((job) => job.status()),
    prometheus,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.requestClock !== undefined ? { requestClock: options.requestClock } : {}),
  });

  let metricsServer: MetricsServer | null = null;
  let started: unknown;
  try {
    metricsServer = (await prometheus?.serve()) ?? null;
    const identity = await slack.client.auth.test().catch((error: unknown) => {
      throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackErrorCode(error)})`);
    });
    self.userId = identity.user_id ?? null;
    self.botId = identity.bot_id ?? null;
    site.teamId = identity.team_id ?? null;
    await app.init();
    started = await (config.mode === 'http' && options.host !== undefined
      ? app.start({ port: config.port, host: options.host })
      : app.start(config.port));
  } catch (error) {
    await metricsServer?.close();
    await database.close();
    throw error;
  }
  const port = socket ? socket.port : ((started as Server).address() as AddressInfo).port;
  // Stands in for a WEB_BASE_URL given as a placeholder (tests, the sandbox: a port picked now).
  if (options.webBaseUrl && config.web.baseUrl !== null) site.baseUrl = options.webBaseUrl(port);
  const jobSet = await startJobs({ ...deps, replica }, config, database.engine);
  jobs.push(...jobSet.reported);
  const { backfill, drafts, reminders, github, weeklyReview } = jobSet;

  let stopping: Promise<void> | null = null;
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  return {
    port,
    metricsPort: metricsServer?.port ?? null,
    deps,
    backfill,
    drafts,
    reminders,
    weeklyReview,
    github,
    database: database.sqlite,
    engine: database.engine,
    replica,
    databaseLabel: database.describe,
    // Idempotent: a second SIGTERM, or a test stopping twice, waits for the same shutdown.
    stop() {
      stopping ??= (async () => {
        // The jobs' timers stop at once (no new pass starts); the server stops taking requests
        // and waits for the ones it is answering; then the listeners' work after their acks.
        const drained = Promise.all([
          app.stop().catch((error: unknown) => logger.warn({ err: error }, 'stopping Bolt failed')),
          jobSet.stop(),
          metricsServer?.close(),
        ]).then(() => inFlight.drain());
        if (!(await within(drained, drainMs))) {
          logger.warn({ drainMs }, 'work still running at shutdown; closing the database anyway');
        }
        // Claims in hand stay renewed while their work drains; given up with the database.
        jobSet.stopHeartbeat();
        await database.close();
      })();
      return stopping;
    },
  };
}

const DEFAULT_SLACK_TIMEOUT_MS = 30_000;
const DEFAULT_DRAIN_MS = 20_000;
