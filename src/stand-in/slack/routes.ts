import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SocketModeHub } from '../socket/hub.ts';
import { type FailureQueue, hold } from './failures.ts';
import { ArgReader, fail } from './method-kit.ts';
import { METHODS } from './methods.ts';
import { fileView } from './methods-files.ts';
import { OPENID_METHODS } from './methods-openid.ts';
import { DISCOVERY_PATH, openIdPages } from './openid-pages.ts';
import type { OpenIdProvider } from './openid-provider.ts';
import {
  decodeCall,
  mediaType,
  parseJsonObject,
  parseMultipart,
  readBody,
} from './request-body.ts';
import { applyResponse, RESPONSE_URL_USES, type ResponseContext } from './response-urls.ts';
import type { RecordedCall, RecordedResponse, StandInFailure } from './types.ts';
import type { Workspace } from './workspace.ts';

/** Extra routes served next to the Web API (the sandbox page and its JSON API). */
export type MountedHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export interface StandInRuntime {
  workspace: Workspace;
  calls: RecordedCall[];
  responses: RecordedResponse[];
  failures: FailureQueue;
  baseUrl: string;
  /** Response URLs that lead somewhere (path → where, and how often used). */
  responseContexts: Map<string, { context: ResponseContext; uses: number }>;
  mounts: Array<{ prefix: string; handler: MountedHandler }>;
  /** Socket Mode: apps.connections.open and the connections it hands out. */
  socket: SocketModeHub;
  /** Sign in with Slack: clients, codes, user tokens and the signing key. */
  openid: OpenIdProvider;
  /** Run as a call to their method arrives, before it is answered (SlackStandIn.onCall). */
  callHooks: Map<string, Array<() => void>>;
}

function runHooks(rt: StandInRuntime, method: string): void {
  for (const hook of rt.callHooks.get(method) ?? []) hook();
}

type Route = (
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<void>;

const ROUTES: Array<{ prefix: string; methods: string[]; route: Route }> = [
  { prefix: '/api/', methods: ['GET', 'POST'], route: webApi },
  { prefix: '/response/', methods: ['POST'], route: responseUrl },
  { prefix: '/upload/', methods: ['POST'], route: upload },
  { prefix: '/files/', methods: ['GET'], route: download },
  { prefix: '/openid/connect/', methods: ['GET', 'POST'], route: openIdPages },
  { prefix: DISCOVERY_PATH, methods: ['GET'], route: openIdPages },
];

export async function handleRequest(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', rt.baseUrl);
  const mounted = rt.mounts.find(
    (m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`),
  );
  if (mounted) return mounted.handler(req, res, url);
  const match = ROUTES.find((r) => url.pathname.startsWith(r.prefix));
  if (!match) return sendJson(res, 404, fail('not_found'));
  if (!match.methods.includes(req.method ?? '')) {
    return sendJson(res, 405, fail('method_not_allowed'), { allow: match.methods.join(', ') });
  }
  return match.route(rt, req, res, url);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

// Order matters: a queued failure wins over everything (it stands for Slack being unwell), then
// the method must exist, then the token must be right.
async function webApi(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = decodeURIComponent(url.pathname.slice('/api/'.length));
  const decoded = await decodeCall(
    await readBody(req),
    req.headers['content-type'],
    url.searchParams,
  );
  const token = bearerToken(req.headers.authorization) ?? decoded.bodyToken;
  rt.calls.push({ method, args: decoded.args, token, at: rt.workspace.now() });
  runHooks(rt, method);

  const failure = rt.failures.take(method);
  // A hang delays the call; one the caller gave up on is dropped, as if Slack never saw it.
  const answerAfterMs = failure && 'answerAfterMs' in failure ? failure.answerAfterMs : 0;
  if (failure && 'hangMs' in failure) {
    if (!(await hold(res, failure.hangMs))) return;
  } else if (failure && !('answerAfterMs' in failure)) {
    return sendFailure(res, failure);
  }
  // The one method that takes the app-level token instead of the bot's.
  if (method === 'apps.connections.open') {
    return sendJson(res, 200, rt.socket.openConnection(token));
  }
  // Sign in with Slack: the app's client credentials or a user token, never the bot's token.
  const openIdMethod = OPENID_METHODS.get(method);
  if (openIdMethod) {
    if (decoded.error) return sendJson(res, 200, fail(decoded.error));
    const authorization = req.headers.authorization;
    const args = new ArgReader(decoded.args);
    const result = openIdMethod({ provider: rt.openid, args, token, authorization });
    if (answerAfterMs > 0 && !(await hold(res, answerAfterMs))) return;
    return sendJson(res, 200, result);
  }
  const handler = METHODS.get(method);
  if (!handler) return sendJson(res, 200, fail('unknown_method'));
  if (token === null) return sendJson(res, 200, fail('not_authed'));
  if (token !== rt.workspace.identity.token) return sendJson(res, 200, fail('invalid_auth'));
  if (decoded.error) return sendJson(res, 200, fail(decoded.error));
  const result = handler({
    workspace: rt.workspace,
    args: new ArgReader(decoded.args),
    baseUrl: rt.baseUrl,
  });
  // A late answer: done already; the caller hears of it later, or never if it gave up.
  if (answerAfterMs > 0 && !(await hold(res, answerAfterMs))) return;
  sendJson(res, 200, result);
}

function sendFailure(
  res: ServerResponse,
  failure: Exclude<StandInFailure, { hangMs: number } | { answerAfterMs: number }>,
) {
  if ('error' in failure) {
    sendJson(res, 200, fail(failure.error));
  } else if (failure.status === 429) {
    const retryAfter = String(failure.retryAfter ?? 1);
    sendJson(res, 429, fail('ratelimited'), { 'retry-after': retryAfter });
  } else {
    sendJson(res, failure.status, fail('fatal_error'));
  }
}

async function responseUrl(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const body = parseJsonObject((await readBody(req)).toString('utf8'));
  if (!body) return sendJson(res, 400, fail('invalid_payload'));
  rt.responses.push({ path: url.pathname, body, at: rt.workspace.now() });
  const target = rt.responseContexts.get(url.pathname);
  if (target) {
    // Slack takes five answers per response URL, then refuses.
    if (target.uses >= RESPONSE_URL_USES) return sendJson(res, 404, fail('used_url'));
    target.uses += 1;
    const error = applyResponse(rt.workspace, target.context, body);
    if (error) return sendJson(res, 404, fail(error));
  }
  sendJson(res, 200, { ok: true });
}

// Upload URLs are pre-signed on Slack, so no token is checked; the client may send the bytes raw
// or (as @slack/web-api does) as a multipart form with a single file field.
async function upload(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const raw = await readBody(req);
  const target = rt.workspace.uploads.get(
    decodeURIComponent(url.pathname.slice('/upload/'.length)),
  );
  if (!target) return sendText(res, 404, 'Not Found');
  runHooks(rt, 'upload');
  // failNext('upload', { status }) : the upload URL answers that status, the bytes not kept.
  const failure = rt.failures.take('upload');
  if (failure && 'status' in failure) return sendFailure(res, failure);
  let bytes = raw;
  const contentType = req.headers['content-type'];
  if (mediaType(contentType) === 'multipart/form-data' && contentType) {
    const fields = Object.values(await parseMultipart(raw, contentType));
    const file =
      fields.find((v) => Buffer.isBuffer(v)) ?? fields.find((v) => typeof v === 'string');
    bytes = Buffer.isBuffer(file) ? file : Buffer.from(String(file ?? ''), 'utf8');
  }
  target.bytes = bytes;
  sendText(res, 200, `OK - ${bytes.length}`);
}

async function download(
  rt: StandInRuntime,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
  const file = rt.workspace.uploads.get(id);
  if (bearerToken(req.headers.authorization) !== rt.workspace.identity.token) {
    return sendText(res, 403, 'Forbidden');
  }
  if (!file?.completed || file.bytes === null) return sendText(res, 404, 'Not Found');
  const mimetype = String(fileView(rt.workspace, file, rt.baseUrl).mimetype);
  res.writeHead(200, { 'content-type': mimetype, 'content-length': String(file.bytes.length) });
  res.end(file.bytes);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
