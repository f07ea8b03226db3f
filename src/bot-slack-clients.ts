import { webApi } from './bolt.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { boltLoggerFor, type Logger } from './logger.ts';
import { instrumentSlackFetch, type SlackContact } from './metrics/slack-fetch.ts';
import { SLACK_RETRY_POLICY } from './slack/retry-policy.ts';

/** The Web API clients of one bot and the settings Bolt's own clients share with them. */
export interface SlackClients {
  /** Settings for every Web API client, Bolt's included (App's `clientOptions`). */
  options: webApi.WebClientOptions;
  /** The notifier's client, with the retry policy. */
  client: webApi.WebClient;
  /** Without retries of its own: draft summaries (createSlackNotifier). */
  once: webApi.WebClient;
  /** No token: Sign in with Slack's code exchange authenticates with the client secret. */
  tokenless: webApi.WebClient;
  /** When Slack last answered or failed, for /healthz. */
  contact: SlackContact;
}

export interface SlackClientParts {
  clock: Clock;
  logger: Logger;
  /** Counts each Web API request by method and outcome (a no-op without metrics). */
  count: (method: string, outcome: string) => void;
  /** Web API retries; default SLACK_RETRY_POLICY. */
  retries?: number;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
}

export function slackClients(config: Config, parts: SlackClientParts): SlackClients {
  const { clock, logger } = parts;
  const contact: SlackContact = { lastAnsweredAt: null, lastFailedAt: null };
  const options = {
    // Every request of every Web API client (ours, Bolt's) is counted and dated for /healthz.
    fetch: instrumentSlackFetch({
      apiUrl: config.slackApiUrl ?? 'https://slack.com/api/',
      clock,
      count: parts.count,
      contact,
    }),
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // Without a timeout a call Slack never answers would hold its job (whose passes never
    // overlap) and the shutdown forever; a timed-out attempt is retried like a 5xx.
    timeout: parts.timeoutMs,
    // One bounded policy, shorter than the shutdown drain (src/slack/retry-policy.ts).
    retryConfig: parts.retries !== undefined ? { retries: parts.retries } : SLACK_RETRY_POLICY,
  };
  // The notifier has its own client so the use cases (and the webhook routes mounted on Bolt's
  // server) exist before the App does.
  const client = new webApi.WebClient(config.slackBotToken, {
    ...options,
    logger: boltLoggerFor(logger),
  });
  const once = new webApi.WebClient(config.slackBotToken, {
    ...options,
    retryConfig: { retries: 0 },
    logger: boltLoggerFor(logger),
  });
  const tokenless = new webApi.WebClient(undefined, {
    ...options,
    retryConfig: { retries: 0 },
    logger: boltLoggerFor(logger),
  });
  return { options, client, once, tokenless, contact };
}
