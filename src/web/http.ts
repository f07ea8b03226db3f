import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../logger.ts';

// Answers of the site: strict headers on every one, and one error handler so a bug shows an
// error id instead of a hung request.

/** A route of the site; `params` holds the `:name` parts of its path. */
export type WebRequest = IncomingMessage & { params?: Record<string, string | string[]> };
export type WebHandler = (req: WebRequest, res: ServerResponse) => Promise<void>;

/** Nothing loaded from elsewhere, no scripts, no framing: the pages work without JavaScript. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
} as const;

export interface Answer {
  status?: number;
  /** `private, no-store` unless given (team pages must not sit in shared caches). */
  cache?: string;
  headers?: Record<string, string>;
}

function send(res: ServerResponse, type: string, body: string, answer: Answer): void {
  res.writeHead(answer.status ?? 200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'cache-control': answer.cache ?? 'private, no-store',
    ...answer.headers,
  });
  res.end(body);
}

export function sendHtml(res: ServerResponse, html: string, answer: Answer = {}): void {
  send(res, 'text/html; charset=utf-8', html, answer);
}

export function sendJson(res: ServerResponse, body: unknown, answer: Answer = {}): void {
  send(res, 'application/json; charset=utf-8', `${JSON.stringify(body, null, 2)}\n`, answer);
}

export function sendText(
  res: ServerResponse,
  type: string,
  body: string,
  answer: Answer = {},
): void {
  send(res, type, body, answer);
}

/** A download: `filename` must be plain ASCII (we build it from ids, never from user text). */
export function sendDownload(
  res: ServerResponse,
  type: string,
  filename: string,
  body: string,
  answer: Answer = {},
): void {
  send(res, type, body, {
    ...answer,
    headers: { 'content-disposition': `attachment; filename="${filename}"`, ...answer.headers },
  });
}

export function redirect(
  res: ServerResponse,
  location: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(303, { ...SECURITY_HEADERS, location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/** The query of a request, parsed. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/**
 * Wraps a handler: an exception is logged with an error id and answered 500 (HTML or JSON as the
 * path asks), never left hanging or crashing the process.
 */
export function safely(logger: Logger, handler: WebHandler): WebHandler {
  return async (req, res) => {
    try {
      await handler(req, res);
    } catch (error) {
      const errorId = randomUUID().slice(0, 8);
      logger.error({ err: error, errorId, path: req.url }, 'site: request failed');
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = `Something went wrong on our side (error id ${errorId}). The log has the details.`;
      if ((req.url ?? '').startsWith('/api/'))
        sendJson(res, { error: message, errorId }, { status: 500 });
      else sendText(res, 'text/plain; charset=utf-8', `${message}\n`, { status: 500 });
    }
  };
}

/** A GET route (HEAD is answered by Node from GET's headers). */
export function get(path: string, logger: Logger, handler: WebHandler): CustomRoute {
  return { path, method: ['GET'], handler: safely(logger, handler) };
}

export function post(path: string, logger: Logger, handler: WebHandler): CustomRoute {
  return { path, method: ['POST'], handler: safely(logger, handler) };
}

/** A `:name` part of the route's path ('' when absent). */
export function param(req: WebRequest, name: string): string {
  const value = req.params?.[name];
  return typeof value === 'string' ? value : '';
}
