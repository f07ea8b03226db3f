import type { App } from '@slack/bolt';
import type { Clock } from './clock.ts';
import type { Logger } from './logger.ts';
import type { BotMetrics } from './metrics/bot-metrics.ts';
import type { MetricsServer } from './metrics/server.ts';
import type { Store } from './usecases/ports.ts';

/** The bot's Prometheus side: the counters (the `Metrics` port), and GET /metrics once started. */
export interface BotMetricsSetup {
  metrics: BotMetrics;
  /** Times each Socket Mode envelope to its ack (HTTP mode times requests in the guard). */
  timeAcks(app: App): void;
  /** Starts GET /metrics on its own port, with the Node.js process metrics. */
  serve(): Promise<MetricsServer>;
}

export interface MetricsSetupParts {
  store: Store;
  clock: Clock;
  timeZone: string;
  logger: Logger;
  host?: string;
}

/**
 * Null when METRICS_PORT is unset: nothing could read the counters, so prom-client and the
 * metrics modules are not even loaded (they cost a start-up tens of milliseconds and the idle
 * bot megabytes); the use cases then count into NO_METRICS.
 */
export async function setUpMetrics(
  port: number | null,
  parts: MetricsSetupParts,
): Promise<BotMetricsSetup | null> {
  if (port === null) return null;
  const [{ createBotMetrics }, { addStoreGauges }, { startMetricsServer }, { timeAcks }] =
    await Promise.all([
      import('./metrics/bot-metrics.ts'),
      import('./metrics/store-gauges.ts'),
      import('./metrics/server.ts'),
      import('./metrics/envelope-acks.ts'),
    ]);
  const { store, clock, timeZone, logger, host } = parts;
  const metrics = createBotMetrics();
  addStoreGauges(metrics.registry, { store, clock, timeZone, logger });
  return {
    metrics,
    timeAcks: (app) => timeAcks(app, metrics),
    serve() {
      metrics.collectProcessMetrics();
      return startMetricsServer(metrics, {
        port,
        ...(host !== undefined ? { host } : {}),
        logger,
      });
    },
  };
}
