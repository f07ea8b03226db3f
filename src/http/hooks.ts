import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { parseAlertmanager } from '../domain/webhooks/alertmanager.ts';
import { chooseChannel } from '../domain/webhooks/channel.ts';
import { parseGeneric } from '../domain/webhooks/generic.ts';
import { parseGrafana } from '../domain/webhooks/grafana.ts';
import type { WebhookParser } from '../domain/webhooks/types.ts';
import { type IngestDeps, ingestWebhookAlerts } from '../usecases/ingest-webhook-alerts.ts';
import { checkBearer } from './bearer.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.ts';
import { discardRest, readBody } from './read-body.ts';

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookRouteOptions {
  /** The shared secret senders present as `Authorization: Bearer …`; null turns the hooks off. */
  token: string | null;
  maxBodyBytes?: number;
}

const PARSERS: ReadonlyArray<readonly [path: string, parse: WebhookParser]> = [
  ['/hooks/alertmanager', parseAlertmanager],
  ['/hooks/grafana', parseGrafana],
  ['/hooks/generic', parseGeneric],
];

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The body was left unread: drop the rest (bounded), then close the connection. */
  close?: boolean;
}

/** `POST /hooks/alertmanager`, `/hooks/grafana` and `/hooks/generic`, for Bolt's customRoutes. */
export function webhookRoutes(deps: IngestDeps, options: WebhookRouteOptions): CustomRoute[] {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return PARSERS.map(([path, parse]) => ({
    path,
    method: ['POST'],
    // Bolt ignores what a handler returns, so a rejection here would be unhandled: never reject.
    handler: (req: IncomingMessage, res: ServerResponse) => {
      handle(req, { deps, token: options.token, maxBodyBytes, path, parse })
        .catch((error: unknown) => failure(deps, path, error))
        .then(async (reply) => {
          // A refusal leaves the body unread: it is read and dropped (bounded) first, so a sender
          // still writing it reads the answer rather than a reset connection.
          if (reply.close) await discardRest(req);
          send(res, reply);
        })
        .catch((error: unknown) => deps.logger.error({ err: error, path }, 'webhook reply failed'));
    },
  }));
}

interface Route {
  deps: IngestDeps;
  token: string | null;
  maxBodyBytes: number;
  path: string;
  parse: WebhookParser;
}

async function handle(req: IncomingMessage, route: Route): Promise<Reply> {
  const { deps, path } = route;
  if (route.token === null) {
    return {
      status: 404,
      body: { error: 'webhooks are disabled: set WEBHOOK_TOKEN' },
      close: true,
    };
  }
  const auth = checkBearer(req.headers.authorization, route.token);
  if (auth !== 'ok') {
    deps.logger.warn({ path, auth }, 'webhook refused: bearer token missing or wrong');
    return {
      status: 401,
      body: {
        error:
          auth === 'missing'
            ? 'send the webhook token as "Authorization: Bearer <token>"'
            : 'the bearer token is not valid',
      },
      headers: { 'www-authenticate': 'Bearer' },
      close: true,
    };
  }

  const read = await readBody(req, route.maxBodyBytes);
  if (!read.ok && read.reason === 'aborted') {
    return { status: 400, body: { error: 'the request ended before its body' }, close: true };
  }
  if (!read.ok) {
    return {
      status: 413,
      body: { error: `body is larger than ${route.maxBodyBytes} bytes` },
      close: true,
    };
  }
  let json: unknown;
  // Some senders prefix UTF-8 with a byte-order mark, which JSON.parse refuses.
  const text = read.body.toString('utf8').replace(/^\uFEFF/, '');
  try {
    json = JSON.parse(text);
  } catch {
    return refuse(deps, path, 'body is not valid JSON');
  }
  if (nestsDeeperThan(text)) {
    return refuse(deps, path, `body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  const parsed = route.parse(json);
  if (!parsed.ok) return refuse(deps, path, parsed.error);
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams.get('channel');
  const channel = chooseChannel(query, parsed);
  if (!channel.ok) return refuse(deps, path, channel.error);

  const { channelId } = channel;
  const result = await ingestWebhookAlerts(deps, { channelId, alerts: parsed.alerts, raw: json });
  if (result.status === 'no-incident') {
    deps.logger.info({ path, channelId }, 'webhook alerts dropped: no open incident');
    return { status: 404, body: { error: `no open incident in channel ${channelId}` } };
  }
  const { stored, duplicates } = result;
  deps.logger.info({ path, channelId, stored, duplicates }, 'webhook alerts received');
  return { status: 202, body: { stored, duplicates } };
}

function refuse(deps: IngestDeps, path: string, error: string): Reply {
  deps.logger.info({ path, error }, 'webhook refused');
  return { status: 400, body: { error } };
}

function failure(deps: IngestDeps, path: string, error: unknown): Reply {
  // The id ties what the sender saw to the log line, without telling the sender our internals.
  const errorId = randomUUID();
  deps.logger.error({ err: error, errorId, path }, 'webhook failed');
  return { status: 500, body: { error: 'internal error', errorId } };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...(reply.close ? { connection: 'close' } : {}),
    ...reply.headers,
  });
  res.end(JSON.stringify(reply.body));
}
