import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { healthRoute } from './http/health.ts';
import { startHousekeeping } from './jobs/housekeeping.ts';
import { boltLoggerFor, type Logger } from './logger.ts';
import { registerListeners } from './slack/listeners/index.ts';
import { createSlackNotifier } from './slack/notifier.ts';
import { openDatabase } from './store/db.ts';
import { createStore } from './store/index.ts';
import { slackErrorCode } from './usecases/announce.ts';
import type { Deps } from './usecases/ports.ts';
import { retryPendingDrafts } from './usecases/publish-draft.ts';

export interface BotOptions {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Web API retries; tests pass 0 so a failing stand-in answers at once. */
  slackRetries?: number;
}

export interface RunningBot {
  /** The port actually listened on (useful with PORT=0). */
  port: number;
  deps: Deps;
  stop(): Promise<void>;
}

export async function startBot(options: BotOptions): Promise<RunningBot> {
  const { config, clock, logger } = options;
  const database = openDatabase(config.databasePath);
  const store = createStore(database.db);
  const app = new App({
    token: config.slackBotToken,
    ...(config.mode === 'socket'
      ? {
          socketMode: true,
          appToken: config.slackAppToken ?? '',
          installerOptions: { port: config.port },
        }
      : { signingSecret: config.slackSigningSecret ?? '' }),
    logger: boltLoggerFor(logger),
    clientOptions: {
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      ...(options.slackRetries !== undefined
        ? { retryConfig: { retries: options.slackRetries } }
        : {}),
    },
    customRoutes: [healthRoute(store, config.mode)],
    // Bolt would otherwise fire auth.test from the constructor and leave its promise unobserved:
    // a Slack outage at start-up became an unhandled rejection. We run it and handle the answer.
    deferInitialization: true,
  });
  const deps: Deps = {
    store,
    notifier: createSlackNotifier(app.client),
    clock,
    logger,
    timeZone: config.timeZone,
  };
  registerListeners(app, deps);
  app.error(async (error) => {
    logger.error({ err: error }, 'unhandled error in a Slack listener');
  });

  let started: unknown;
  try {
    await app.init().catch((error: unknown) => {
      throw new Error(`Slack did not accept SLACK_BOT_TOKEN (auth.test: ${slackErrorCode(error)})`);
    });
    started = await app.start(config.port);
  } catch (error) {
    database.close();
    throw error;
  }
  const port =
    config.mode === 'http' ? ((started as Server).address() as AddressInfo).port : config.port;
  const housekeeping = startHousekeeping(deps);
  retryPendingDrafts(deps).catch((error) => logger.error({ err: error }, 'retrying drafts failed'));

  return {
    port,
    deps,
    async stop() {
      housekeeping.stop();
      await app.stop();
      database.close();
    },
  };
}
