import type { IncomingMessage, ServerResponse } from 'node:http';

// Small HTTP helpers for the sandbox routes: JSON answers, JSON bodies, typed fields.

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
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify(body));
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
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new BadRequest(400, 'Send the body as JSON (Content-Type: application/json).');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(400, 'The body is larger than 1 MB.');
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
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
