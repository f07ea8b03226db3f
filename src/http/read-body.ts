import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; reason: 'too-large' | 'aborted' };

/**
 * Reads a request body of at most `maxBytes`. A larger body is refused as soon as that is known
 * (from Content-Length, or once the count passes the limit), without buffering the rest.
 * A request stream only fails when its client goes away, which is `aborted`, not our error.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.resolve({ ok: false, reason: 'too-large' });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // The error listener stays: an 'error' with no listener left would crash the process.
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onAbort);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.pause();
        resolve({ ok: false, reason: 'too-large' });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onAbort = () => {
      cleanup();
      resolve({ ok: false, reason: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onAbort);
  });
}

/** How much of a refused body is read and dropped before the connection is cut instead. */
export interface DrainBounds {
  bytes: number;
  ms: number;
}

export const DRAIN_BOUNDS: DrainBounds = { bytes: 8 * 1024 * 1024, ms: 10_000 };

/**
 * Reads and drops the rest of a body we refuse (413, 401 …), within `bounds`, before the answer
 * is sent with `Connection: close`. A client still writing its body (Node's http.request, most
 * libraries) reads no answer when the connection closes under it: it gets EPIPE or ECONNRESET.
 * 'cut': the body is (or says it is) past the bounds, or the client left; the rest stays unread
 * and closing the connection drops it. Nothing read here is kept, so memory stays flat.
 */
export function discardRest(
  req: IncomingMessage,
  bounds: DrainBounds = DRAIN_BOUNDS,
): Promise<'drained' | 'cut'> {
  if (req.readableEnded) return Promise.resolve('drained');
  const declared = Number(req.headers['content-length']);
  if (req.destroyed || (Number.isFinite(declared) && declared > bounds.bytes)) {
    return Promise.resolve('cut');
  }
  return new Promise((resolve) => {
    let seen = 0;
    let done = false;
    const finish = (outcome: 'drained' | 'cut') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (outcome === 'cut') req.pause();
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > bounds.bytes) finish('cut');
    };
    const onEnd = () => finish('drained');
    const onClose = () => finish('cut');
    // A client trickling its body must not hold the connection open for long.
    const timer = setTimeout(() => finish('cut'), bounds.ms);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    // Kept after finishing, like readBody's: an 'error' with no listener would crash the process.
    req.on('error', onClose);
    req.resume();
  });
}
