import type { SlackClients } from './bot-slack-clients.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { DEFAULT_WORKING_HOURS } from './domain/reminders.ts';
import { createGitHubTracker } from './integrations/github/client.ts';
import { threadDraftComposer } from './jobs/draft-thread.ts';
import type { Logger } from './logger.ts';
import type { BotMetrics } from './metrics/bot-metrics.ts';
import { type BotIdentity, createSlackNotifier } from './slack/notifier.ts';
import type { OpenedStore } from './store/open.ts';
import type { Deps, Replica } from './usecases/ports.ts';

export interface DepsParts {
  clock: Clock;
  logger: Logger;
  database: OpenedStore;
  slack: SlackClients;
  /** Filled in by auth.test at start; the notifier reads it to recognise the bot's own posts. */
  self: BotIdentity;
  replica: Replica;
  /** Null when METRICS_PORT is unset: the use cases then count nothing. */
  metrics: BotMetrics | null;
  /** Gap between history calls; default 1200 ms. */
  historyPaceMs?: number;
}

/** The use cases' dependencies: the running bot's implementations of their ports. */
export function botDeps(config: Config, parts: DepsParts): Deps {
  const { clock, logger, database, slack, metrics } = parts;
  return {
    store: database.store,
    notifier: createSlackNotifier(slack.client, parts.self, slack.once, slack.tokenless),
    clock,
    logger,
    timeZone: config.timeZone,
    tracker:
      config.githubToken && config.githubRepo
        ? createGitHubTracker({
            token: config.githubToken,
            repo: config.githubRepo,
            logger,
            ...(config.githubApiUrl ? { apiUrl: config.githubApiUrl } : {}),
          })
        : null,
    ...(metrics ? { metrics } : {}),
    storageProblem: database.storageProblem,
    replica: parts.replica,
    // A long draft is composed in a worker thread reading the SQLite file; elsewhere in-process.
    ...(database.sqlite && !database.sqlite.sqlite.memory
      ? { draftComposer: threadDraftComposer(database.sqlite.sqlite.name) }
      : {}),
    settings: {
      lookbackMinutes: config.lookbackMinutes,
      newChannelByDefault: config.newChannelByDefault,
      incidentsChannel: config.incidentsChannel,
      historyPaceMs: parts.historyPaceMs ?? 1200,
      followUpDays: config.followUpDays,
      incidentCategories: config.incidentCategories,
      exportOnResolve: config.actionsExport === 'auto',
      postmortemDueDays: config.postmortemDueDays,
      reminders: {
        everyMs: config.reminderEveryMs,
        hours: { ...config.workingHours, days: DEFAULT_WORKING_HOURS.days },
      },
    },
  };
}
