import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DrainBounds, discardRest } from '../../src/http/read-body.ts';
import { upload } from '../helpers/upload.ts';

// discardRest on a real server: every request is refused with 413 after the drain, and the
// outcome is what the test reads.

let server: Server;
let outcomes: Array<'drained' | 'cut'>;

async function serve(bounds: DrainBounds): Promise<string> {
  outcomes = [];
  server = createServer((req, res) => {
    void discardRest(req, bounds).then((outcome) => {
      outcomes.push(outcome);
      res.writeHead(413, { connection: 'close' }).end('too large');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const KB = 1024;

describe('discardRest', () => {
  it('reads a body within the bound to its end, so the client reads the answer', async () => {
    const url = await serve({ bytes: 512 * KB, ms: 60_000 });
    const result = await upload(url, { total: 500 * KB, chunkBytes: 16 * KB });
    expect(result).toMatchObject({ status: 413, body: 'too large', errors: [], sent: 500 * KB });
    expect(outcomes).toEqual(['drained']);
  });

  it('stops reading once the body passes the byte bound', async () => {
    const url = await serve({ bytes: 64 * KB, ms: 60_000 });
    const total = 64 * 1024 * KB;
    const result = await upload(url, { total, chunkBytes: 16 * KB });
    expect(outcomes).toEqual(['cut']);
    expect(result.sent).toBeLessThan(total);
  });

  it('does not start on a body whose Content-Length is past the bound', async () => {
    const url = await serve({ bytes: 64 * KB, ms: 60_000 });
    const total = 64 * 1024 * KB;
    const headers = { 'content-length': String(total) };
    const result = await upload(url, { total, headers, chunkBytes: 16 * KB });
    expect(outcomes).toEqual(['cut']);
    expect(result.sent).toBeLessThan(total);
  });

  it('gives up on a client that stops sending, after the time bound', async () => {
    // The client never finishes its body, so only the time bound can end the drain.
    const url = await serve({ bytes: 512 * KB, ms: 100 });
    const req = request(url, { method: 'POST' });
    req.on('error', () => {});
    const answered = new Promise<number | undefined>((resolve) =>
      req.on('response', (res) => resolve(res.statusCode)),
    );
    req.write('a little, then nothing');
    expect(await answered).toBe(413);
    expect(outcomes).toEqual(['cut']);
    req.destroy();
  });
});
