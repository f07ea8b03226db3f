import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { nestsDeeperThan } from './json-depth.ts';
import { discardRest, readBody } from './read-body.ts';
import { ReplayCache, verifySlackSignature } from './slack-signature.ts';

/** Slack's own payloads are a few kilobytes; this leaves room for large Block Kit messages. */
const SLACK_BODY_LIMIT = 1024 * 1024;

export interface GuardOptions {
  signingSecret: string;
  /** Wall-clock time, to compare with the timestamps Slack signs (not the app's test clock). */
  clock: Clock;
  logger: Logger;
  paths?: readonly string[];
  bodyLimit?: number;
  /** Counts the requests turned away and times the answers to the ones passed on. */
  metrics?: GuardMetrics;
}

export interface GuardMetrics {
  slackEvent(outcome: 'refused'): void;
  startAck(): (kind: 'event' | 'command' | 'interaction') => void;
}

/** Requests this guard checked and passed on: the only ones Bolt may treat as Slack's. */
const vouched = new WeakSet<IncomingMessage>();

/** True for a request the guard passed (signed, fresh, not replayed, well-formed) or answered. */
export function vouchedFor(req: IncomingMessage): boolean {
  return vouched.has(req);
}

/** The JSON bodies (Events API deliveries) of passed requests, as the guard parsed them. */
const parsedJson = new WeakMap<IncomingMessage, Record<string, unknown>>();

/**
 * The body of a JSON request this guard passed, already parsed (and checked to be an object), so
 * that nothing behind it parses the same text again; undefined for forms and for anything else.
 */
export function passedJson(req: IncomingMessage): Record<string, unknown> | undefined {
  return parsedJson.get(req);
}

/**
 * The path as Bolt's HTTPReceiver routes it (WHATWG URL: dot segments resolved, `\` read as `/`,
 * the fragment dropped), so no spelling of /slack/events reaches Bolt without passing here.
 */
export function routedPath(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

/**
 * Runs in front of Bolt's request listener for the Slack endpoints: reads the body once (413
 * past the limit), refuses bad, stale, future-dated and replayed signatures with 401, and hands
 * the buffered body on (Bolt reuses `rawBody` instead of reading the stream again). Everything
 * else — health, webhooks — passes straight through. Bolt does not check the signature again
 * (guardedReceiver): a request it serves on these paths must carry this guard's mark.
 */
export function guardSlackRequests(inner: RequestListener, options: GuardOptions): RequestListener {
  const paths = new Set(options.paths ?? ['/slack/events']);
  const limit = options.bodyLimit ?? SLACK_BODY_LIMIT;
  const replays = new ReplayCache();
  const log = options.logger.child({ component: 'slack-request-guard' });

  return (req, res) => {
    const path = routedPath(req) ?? '/';
    if (req.method?.toUpperCase() !== 'POST' || !paths.has(path)) {
      inner(req, res);
      return;
    }
    const answered = options.metrics?.startAck();
    const turnAway = (status: number, error: string) => {
      options.metrics?.slackEvent('refused');
      refuse(res, status, error);
    };
    void (async () => {
      const read = await readBody(req, limit);
      if (!read.ok) {
        // The rest is read and dropped (bounded) first, so a client still sending it reads the
        // 413 rather than a reset; the connection closes after it.
        if (read.reason === 'too-large') {
          await discardRest(req);
          res.setHeader('connection', 'close');
          turnAway(413, 'request body too large');
        }
        return;
      }
      // Unsigned by design: answered here, as Bolt would, so nothing unsigned reaches Bolt.
      if (isSslCheck(req, read.body)) {
        res.writeHead(200).end();
        return;
      }
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
        return turnAway(401, 'invalid signature');
      }
      if (!replays.claim(replayKey(req, verdict.signature), now)) {
        log.warn({ path }, 'refused a replayed Slack request');
        return turnAway(401, 'replayed request');
      }
      const shape = readShape(req, read.body);
      if ('problem' in shape) {
        const { problem } = shape;
        log.warn({ path, problem }, 'refused a signed request with a malformed body');
        return turnAway(problem === 'unsupported content type' ? 415 : 400, problem);
      }
      const kind = shape.json ? 'event' : requestKind(req, read.body);
      if (answered) res.once('finish', () => answered(kind));
      if (shape.json) parsedJson.set(req, shape.json);
      pass(inner, req, res, read.body);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'request guard failed');
      if (!res.headersSent) refuse(res, 500, 'internal error');
    });
  };
}

function pass(inner: RequestListener, req: IncomingMessage, res: ServerResponse, body: Buffer) {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
  vouched.add(req);
  inner(req, res);
}

/** Slack's unsigned `ssl_check=1` probe: answered 200 with nothing read from the rest. */
function isSslCheck(req: IncomingMessage, body: Buffer): boolean {
  return (
    req.headers['content-type'] === 'application/x-www-form-urlencoded' &&
    new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1'
  );
}

/**
 * Slack sends JSON (events) or a form (commands; clicks as `payload=<json>`). Anything else would
 * make Bolt's parser throw and answer 500, which reads as our fault and invites retries. A JSON
 * body comes back parsed, to be handed on as it is.
 */
function readShape(
  req: IncomingMessage,
  body: Buffer,
): { problem: string } | { json: Record<string, unknown> | null } {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const text = body.toString('utf8');
  if (type === 'application/json') {
    // Depth first: a hostile nesting is refused before anything parses it.
    if (nestsDeeperThan(text)) return { problem: 'body nests too deep' };
    const json = jsonObject(text);
    return json === null ? { problem: 'body is not a JSON object' } : { json };
  }
  if (type !== 'application/x-www-form-urlencoded') return { problem: 'unsupported content type' };
  const payload = new URLSearchParams(text).get('payload');
  if (payload === null) return { json: null };
  if (jsonObject(payload) === null) return { problem: 'payload is not a JSON object' };
  return nestsDeeperThan(payload) ? { problem: 'payload nests too deep' } : { json: null };
}

/** Events come as JSON, clicks as a form with `payload`, commands as a plain form. */
function requestKind(req: IncomingMessage, body: Buffer): 'event' | 'command' | 'interaction' {
  if ((req.headers['content-type'] ?? '').startsWith('application/json')) return 'event';
  return new URLSearchParams(body.toString('utf8')).has('payload') ? 'interaction' : 'command';
}

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Slack's retry of an event can repeat the body and the second it was signed in, so it may carry
 * the same signature; its retry number tells it apart (and the event id still dedupes it later).
 * Commands and clicks are never retried, so for them the number counts for nothing.
 */
function replayKey(req: IncomingMessage, signature: string): string {
  const retry = header(req, 'x-slack-retry-num');
  const isEvent = (req.headers['content-type'] ?? '').startsWith('application/json');
  return isEvent && retry !== undefined ? `${signature}#retry-${retry}` : signature;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? undefined : value;
}

function refuse(res: ServerResponse, status: number, error: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ ok: false, error }));
}
