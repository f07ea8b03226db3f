import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/read-body.ts';
import { mediaType } from '../stand-in/slack/request-body.ts';
import { sendJson as sendJsonWith } from '../stand-in/slack/routes.ts';

// Small HTTP helpers for the sandbox routes: JSON answers, JSON bodies, typed fields. Reading and
// answering reuse the app's body reader and the stand-in's JSON answer.

const MAX_BODY_BYTES = 1_000_000;

/** A request the sandbox refuses; `error` is shown to the person as it is. */
export class BadRequest extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405,
    message: string,
  ) {
    super(message);
    this.name = 'BadRequest';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  sendJsonWith(res, status, body, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
}

/**
 * Only requests addressed to the loopback name are served: a web page elsewhere that rebinds its
 * own host name to 127.0.0.1 must not drive the sandbox.
 */
export function checkHost(req: IncomingMessage): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host)) {
    throw new BadRequest(403, `The sandbox only answers requests to 127.0.0.1 (got "${host}").`);
  }
}

/**
 * The body of a POST as a JSON object. JSON is required by content type as well, so that a form
 * on another site cannot post here without the browser asking first.
 */
export async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    throw new BadRequest(400, 'Send the body as JSON (Content-Type: application/json).');
  }
  const read = await readBody(req, MAX_BODY_BYTES);
  if (!read.ok && read.reason === 'too-large') {
    throw new BadRequest(400, 'The body is larger than 1 MB.');
  }
  if (!read.ok) throw new Error('The request was aborted before its body arrived.');
  let value: unknown;
  try {
    value = JSON.parse(read.body.toString('utf8'));
  } catch {
    throw new BadRequest(400, 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequest(400, 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

const HINTS: Record<string, string> = {
  channel: 'a conversation id such as C0CHECKOUT',
  as: 'the id of the person acting, such as U0ALICE',
  ts: 'the ts of a message, such as 1763733600.000100',
};

/** A required, non-empty string field. */
export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value.trim() === '') {
    const hint = HINTS[name] ? ` (${HINTS[name]})` : '';
    throw new BadRequest(400, `"${name}" is required${hint}.`);
  }
  return value;
}

/** An optional string field: absent (or null) gives undefined; anything but a string is refused. */
export function optionalText(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequest(400, `"${name}" must be a string.`);
  return value === '' ? undefined : value;
}

export function optionalFlag(body: Record<string, unknown>, name: string): boolean {
  const value = body[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new BadRequest(400, `"${name}" must be true or false.`);
  return value;
}

/** A required query parameter. */
export function param(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (value === null || value.trim() === '') {
    const hint = HINTS[name] ? ` (${HINTS[name]})` : '';
    throw new BadRequest(400, `The query parameter "${name}" is required${hint}.`);
  }
  return value;
}
