import type { CustomRoute } from '@slack/bolt';
import { App } from './bolt.ts';
import type { BotMetricsSetup } from './bot-metrics-setup.ts';
import type { SlackClients } from './bot-slack-clients.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { guardedReceiver } from './http/guarded-receiver.ts';
import { healthRoute } from './http/health.ts';
import { webhookRoutes } from './http/hooks.ts';
import type { JobStatus } from './jobs/periodic.ts';
import { boltLoggerFor } from './logger.ts';
import { trackInFlight } from './slack/in-flight.ts';
import { handleListenerErrors } from './slack/listeners/error-handler.ts';
import { ackEventsAfterListeners } from './slack/listeners/event-ack.ts';
import { registerListeners } from './slack/listeners/index.ts';
import type { SocketReceiver } from './slack/socket-receiver.ts';
import type { OpenedStore } from './store/open.ts';
import type { Deps } from './usecases/ports.ts';
import { mountSite } from './web/mount.ts';

/** The workspace the team site signs people in to, and the site's own address. */
export interface SiteLinks {
  teamId: string | null;
  baseUrl: string;
}

export interface BotAppParts {
  deps: Deps;
  database: OpenedStore;
  slack: SlackClients;
  /** Read at each request: the routes exist before auth.test and the port fill it in. */
  site: SiteLinks;
  /** The periodic jobs for /healthz; read at each request, since they start after the routes. */
  jobs: () => readonly JobStatus[];
  /** Null when METRICS_PORT is unset. */
  prometheus: BotMetricsSetup | null;
  host?: string;
  /** Wall-clock time for checking the timestamps Slack signs requests with (HTTP mode). */
  requestClock?: Clock;
}

export interface BotApp {
  app: App;
  /** Socket Mode's receiver, which knows the port it listens on; null in HTTP mode. */
  socket: SocketReceiver | null;
  /** Requests Bolt is still dispatching, for the shutdown to wait on. */
  inFlight: { drain(): Promise<void> };
}

/** The Bolt app on the configured mode's receiver, with its routes and every listener. */
export async function buildBotApp(config: Config, parts: BotAppParts): Promise<BotApp> {
  const { deps, prometheus } = parts;
  const { logger } = deps;
  const clientOptions = parts.slack.options;
  const metrics = prometheus?.metrics ?? null;
  const customRoutes = await customRoutesFor(config, parts);
  const boltLogger = boltLoggerFor(logger);
  // Socket Mode through our own receiver: it reports the real port and closes the socket on stop.
  const socket =
    config.mode === 'socket'
      ? new (await import('./slack/socket-receiver.ts')).SocketReceiver({
          appToken: config.slackAppToken ?? '',
          customRoutes,
          port: config.port,
          ...(parts.host !== undefined ? { host: parts.host } : {}),
          clientOptions,
          logger: boltLogger,
        })
      : null;
  const app = new App({
    token: config.slackBotToken,
    ...(socket
      ? { receiver: socket }
      : {
          receiver: guardedReceiver(config.slackSigningSecret ?? '', customRoutes, {
            clock: parts.requestClock ?? systemClock,
            logger,
            boltLogger,
            ...(metrics ? { metrics } : {}),
          }),
        }),
    logger: boltLogger,
    clientOptions,
    // Bolt would otherwise fire auth.test from the constructor and leave its promise unobserved:
    // a Slack outage at start-up became an unhandled rejection. We run it and handle the answer.
    deferInitialization: true,
    // The handler sees the request body, to tell events (answered with an error) from the rest.
    extendedErrorHandler: true,
    // Nothing reads context.conversation, and a per-process store is wrong across replicas; Bolt's
    // default looked every event's channel up in it and built an Error for each miss.
    convoStore: false,
  });
  const inFlight = trackInFlight(app);
  registerListeners(app, deps);
  ackEventsAfterListeners(app, logger);
  // HTTP mode times each whole request in the request guard instead.
  if (config.mode === 'socket') prometheus?.timeAcks(app);
  handleListenerErrors(app, { logger, storageProblem: parts.database.storageProblem });
  return { app, socket, inFlight };
}

/** Served beside Slack's endpoints, by whichever receiver the mode uses. */
async function customRoutesFor(config: Config, parts: BotAppParts): Promise<CustomRoute[]> {
  const { deps, database, site } = parts;
  const { store, clock, logger } = deps;
  return [
    healthRoute(store, config.mode, {
      database: { engine: database.engine, ping: database.ping },
      clock,
      slack: parts.slack.contact,
      jobs: parts.jobs,
      replica: deps.replica?.id,
    }),
    ...webhookRoutes(deps, { token: config.webhookToken }),
    // The team site, its API and the public reports: same server, same port (docs/site.md).
    ...(await mountSite({
      store,
      clock,
      timeZone: config.timeZone,
      logger,
      web: config.web,
      slack: {
        origin: config.slackApiUrl ? new URL(config.slackApiUrl).origin : 'https://slack.com',
        notifier: deps.notifier,
        teamId: () => site.teamId,
        baseUrl: () => site.baseUrl,
      },
    })),
  ];
}
