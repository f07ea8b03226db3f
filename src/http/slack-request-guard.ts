import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { readBody } from './read-body.ts';
import { ReplayCache, verifySlackSignature } from './slack-signature.ts';

/** Slack's own payloads are a few kilobytes; this leaves room for large Block Kit messages. */
export const SLACK_BODY_LIMIT = 1024 * 1024;

export interface GuardOptions {
  signingSecret: string;
  /** Wall-clock time, to compare with the timestamps Slack signs (not the app's test clock). */
  clock: Clock;
  logger: Logger;
  paths?: readonly string[];
  bodyLimit?: number;
}

/**
 * Runs in front of Bolt's request listener for the Slack endpoints: reads the body once (413
 * past the limit), refuses bad, stale, future-dated and replayed signatures with 401, and hands
 * the buffered body on (Bolt reuses `rawBody` instead of reading the stream again). Everything
 * else — health, webhooks — passes straight through.
 */
export function guardSlackRequests(inner: RequestListener, options: GuardOptions): RequestListener {
  const paths = new Set(options.paths ?? ['/slack/events']);
  const limit = options.bodyLimit ?? SLACK_BODY_LIMIT;
  const replays = new ReplayCache();
  const log = options.logger.child({ component: 'slack-request-guard' });

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method !== 'POST' || !paths.has(path)) {
      inner(req, res);
      return;
    }
    void (async () => {
      const read = await readBody(req, limit);
      if (!read.ok) {
        if (read.reason === 'too-large') refuse(res, 413, 'request body too large');
        return;
      }
      if (isSslCheck(req, read.body)) return pass(inner, req, res, read.body);
      const now = options.clock.now();
      const verdict = verifySlackSignature({
        secret: options.signingSecret,
        body: read.body,
        timestamp: header(req, 'x-slack-request-timestamp'),
        signature: header(req, 'x-slack-signature'),
        nowMs: now,
      });
      if (!verdict.ok) {
        log.warn({ reason: verdict.reason, path }, 'refused a request not signed by Slack');
        return refuse(res, 401, 'invalid signature');
      }
      if (!replays.claim(verdict.signature, now)) {
        log.warn({ path }, 'refused a replayed Slack request');
        return refuse(res, 401, 'replayed request');
      }
      pass(inner, req, res, read.body);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'request guard failed');
      if (!res.headersSent) refuse(res, 500, 'internal error');
    });
  };
}

function pass(inner: RequestListener, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  inner(req, res);
}

/** Slack's unsigned `ssl_check=1` probe; Bolt answers it and strips anything else in the body. */
function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  return (
    req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1'
  );
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? undefined : value;
}

function refuse(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ ok: false, error }));
}
