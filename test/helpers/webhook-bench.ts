import { type WebhookRouteOptions, webhookRoutes } from '../../src/http/hooks.ts';
import type { IngestDeps } from '../../src/usecases/ingest-webhook-alerts.ts';
import { type Harness, startHarness } from './harness.ts';
import { type RouteServer, serveRoutes } from './route-server.ts';

export const HOOK_CHANNEL = 'CINC0001';
export const HOOK_TOKEN = 'whk-test-secret-0123456789';
export const HOOK_LIMIT = 64 * 1024;

const ALERT_LINE = /^:(red_circle|large_green_circle|large_yellow_circle|information_source): \*/;

export interface HookResponse {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/**
 * A running bot (real store, Slack stand-in) with an open incident in HOOK_CHANNEL, and the
 * webhook routes served on a server of their own over the bot's dependencies.
 */
export interface WebhookBench {
  h: Harness;
  hooks: RouteServer;
  post(
    path: string,
    body: unknown,
    options?: { token?: string | null; raw?: boolean; baseUrl?: string },
  ): Promise<HookResponse>;
  /** Serves the routes again with other dependencies or options; closed with the bench. */
  serve(deps: IngestDeps, options: WebhookRouteOptions): Promise<RouteServer>;
  /** The texts of the alert posts in the incident channel, oldest first. */
  alertPosts(): string[];
  waitForAlertPosts(count: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function startWebhookBench(start: number): Promise<WebhookBench> {
  const h = await startHarness({ start });
  h.slack.addUser({ id: 'UA', name: 'ann', displayName: 'Ann' });
  await h.command({
    userId: 'UA',
    channelId: HOOK_CHANNEL,
    command: '/incident',
    text: 'start 5xx',
  });
  await h.slack.waitForCall('chat.postMessage');
  const servers: RouteServer[] = [];
  const serve = async (deps: IngestDeps, options: WebhookRouteOptions) => {
    const server = await serveRoutes(webhookRoutes(deps, options));
    servers.push(server);
    return server;
  };
  const hooks = await serve(h.bot.deps, { token: HOOK_TOKEN, maxBodyBytes: HOOK_LIMIT });
  const alertPosts = () =>
    h.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === HOOK_CHANNEL)
      .map((call) => String(call.args.text))
      .filter((text) => ALERT_LINE.test(text));

  return {
    h,
    hooks,
    serve,
    alertPosts,
    async post(path, body, options = {}) {
      const token = options.token === undefined ? HOOK_TOKEN : options.token;
      const res = await fetch(`${options.baseUrl ?? hooks.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        },
        body: options.raw ? String(body) : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown>;
      return { status: res.status, headers: res.headers, json };
    },
    async waitForAlertPosts(count) {
      await h.slack.waitFor(() => alertPosts().length >= count);
      return alertPosts();
    },
    async close() {
      await Promise.all(servers.map((s) => s.close()));
      await h.close();
    },
  };
}

export const genericBody = (alert: Record<string, unknown> = {}) => ({
  alerts: [
    { name: 'Checkout errors', state: 'firing', startsAt: '2026-11-21T14:01:00Z', ...alert },
  ],
});
