import { once } from 'node:events';
import { type ClientRequest, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { backoffMs, SLACK_RETRY_POLICY, type SlackRetryPolicy } from './retry-policy.ts';

// The second step of Slack's external upload: the file's bytes POSTed to the pre-signed upload
// URL. Sent part by part with a known Content-Length, so a long draft's ten or twenty megabytes
// are never joined into one body (nor copied into a multipart form, as the Web API client does).

export interface PostOptions {
  /** How long the connection may stay silent (no bytes taken, no answer) before the attempt fails. */
  idleTimeoutMs?: number;
  /** Attempts after the first, and their spacing: the Web API client's policy by default. */
  policy?: Readonly<SlackRetryPolicy>;
}

class UploadPostError extends Error {
  override name = 'UploadPostError';
}

interface Answer {
  status: number;
  retryAfterS: number | null;
}

const IDLE_TIMEOUT_MS = 30_000;

/**
 * POSTs `parts` (together `length` bytes) to `url`. A refused connection, a silence, a 5xx or a
 * 429 (after its Retry-After) is tried again as the Web API client tries its calls; any other
 * answer than 200 fails at once. No try starts later than the policy's `maxRetryTime` after the
 * first: a Retry-After of minutes fails the upload now, and the draft-delivery job tries again
 * on its own schedule instead of a pass waiting that long.
 */
export async function postParts(
  url: string,
  parts: readonly Uint8Array[],
  length: number,
  options: PostOptions = {},
): Promise<void> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    throw new UploadPostError(`the upload URL is not http(s): ${target.protocol}`);
  }
  const policy = options.policy ?? SLACK_RETRY_POLICY;
  const retries = policy.retries ?? 0;
  const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const lastStart = Date.now() + (policy.maxRetryTime ?? Number.POSITIVE_INFINITY);
  for (let attempt = 0; ; attempt++) {
    let waitMs = backoffMs(policy, attempt);
    const answer = await postOnce(target, parts, length, idleMs).catch((error: unknown) =>
      error instanceof Error ? error : new Error(String(error)),
    );
    let failure = answer instanceof Error ? answer : null;
    if (!(answer instanceof Error)) {
      if (answer.status === 200) return;
      failure = new UploadPostError(`the upload URL answered HTTP ${answer.status}`);
      if (answer.status === 429) waitMs = Math.max(waitMs, (answer.retryAfterS ?? 1) * 1000);
      else if (answer.status < 500) throw failure;
    }
    if (attempt >= retries || Date.now() + waitMs > lastStart) throw failure;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

function postOnce(
  url: URL,
  parts: readonly Uint8Array[],
  length: number,
  idleTimeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = {
      'content-type': 'application/octet-stream',
      'content-length': String(length),
    };
    const req = send(url, { method: 'POST', headers }, (res) => {
      // The answer's text ("OK - <bytes>") says nothing the status does not.
      res.resume();
      res.on('end', () => {
        const retryAfter = Number(res.headers['retry-after']);
        resolve({
          status: res.statusCode ?? 0,
          retryAfterS: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
        });
      });
      res.on('error', reject);
    });
    req.setTimeout(idleTimeoutMs, () => {
      req.destroy(new Error(`the upload URL was silent for ${idleTimeoutMs} ms`));
    });
    req.on('error', reject);
    writeParts(req, parts).then(
      () => req.end(),
      (error: unknown) => req.destroy(error instanceof Error ? error : undefined),
    );
  });
}

/** The most bytes handed to the socket in one turn of the event loop. */
export const WRITE_BYTES = 256 * 1024;

/** The parts as views of at most `max` bytes each, in order (no copy); empty ones left out. */
export function* writeSlices(
  parts: readonly Uint8Array[],
  max = WRITE_BYTES,
): Generator<Uint8Array, void, undefined> {
  for (const part of parts) {
    for (let at = 0; at < part.byteLength; at += max) yield part.subarray(at, at + max);
  }
}

/**
 * The parts written a slice at a time, waiting for the socket to drain when it asks to, and
 * each slice in a turn of the event loop of its own: a write the kernel takes at once drains in
 * the same turn, so a fast socket (loopback, a proxy on the host) would otherwise take the whole
 * body in one, 20-40 ms for 8 MB on a busy two-core machine, while Slack's requests wait.
 */
async function writeParts(req: ClientRequest, parts: readonly Uint8Array[]): Promise<void> {
  let first = true;
  for (const slice of writeSlices(parts)) {
    if (!first) await new Promise<void>((resolve) => setImmediate(resolve));
    first = false;
    if (req.destroyed) return;
    if (!req.write(slice)) await drainedOrClosed(req);
  }
}

/**
 * Until the request drains or closes (an 'error' rejects). Both waits stop when one ends: waits
 * left listening would add a 'close' and an 'error' listener to the request per part, dozens on
 * a big draft.
 */
async function drainedOrClosed(req: ClientRequest): Promise<void> {
  const stop = new AbortController();
  const wait = (event: 'drain' | 'close') =>
    once(req, event, { signal: stop.signal }).then(
      () => undefined,
      (error: unknown) => {
        if (!stop.signal.aborted) throw error;
      },
    );
  try {
    await Promise.race([wait('drain'), wait('close')]);
  } finally {
    stop.abort();
  }
}
