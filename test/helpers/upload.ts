import { request } from 'node:http';

export interface UploadResult {
  /** Null when no answer arrived before the connection ended. */
  status: number | null;
  body: string;
  /** Error codes the client saw (EPIPE, ECONNRESET …). */
  errors: string[];
  /** Bytes the client managed to hand to the connection. */
  sent: number;
}

/**
 * POSTs `total` bytes of `fill` in chunks, as an ordinary client does (Node's http.request, with
 * backpressure), and settles once the connection is done, whatever happened to it.
 */
export function upload(
  url: string,
  options: { total: number; headers?: Record<string, string>; chunkBytes?: number },
): Promise<UploadResult> {
  const chunk = Buffer.alloc(options.chunkBytes ?? 64 * 1024, 'x');
  const result: UploadResult = { status: null, body: '', errors: [], sent: 0 };
  return new Promise((resolve) => {
    let responseDone: Promise<void> = Promise.resolve();
    const req = request(url, { method: 'POST', headers: options.headers ?? {} }, (res) => {
      result.status = res.statusCode ?? null;
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        result.body += text;
      });
      responseDone = new Promise((done) => res.on('close', done));
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      result.errors.push(error.code ?? error.message),
    );
    req.on('close', () => {
      void responseDone.then(() => resolve(result));
    });
    const writeMore = () => {
      while (!req.destroyed && result.sent < options.total) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.total - result.sent));
        result.sent += part.length;
        if (!req.write(part)) {
          req.once('drain', writeMore);
          return;
        }
      }
      if (!req.destroyed) req.end();
    };
    writeMore();
  });
}
