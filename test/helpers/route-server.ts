import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';

export interface RouteServer {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves Bolt custom routes the way Bolt's HTTP receiver dispatches them: by path and method. */
export async function serveRoutes(routes: CustomRoute[]): Promise<RouteServer> {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? '').toUpperCase();
    const route = routes.find(
      (r) => r.path === pathname && [r.method].flat().some((m) => m.toUpperCase() === method),
    );
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(Object.assign(req, { params: {} }), res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * POSTs `chunks` one write at a time (chunked unless a content-length header is given), and
 * resolves with the response even when the server answers and closes before the upload ends.
 */
export function postChunks(
  url: string,
  chunks: Buffer[],
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let response: Promise<RawResponse> | null = null;
    const req = request(url, { method: 'POST', headers }, (res) => {
      response = new Promise((done, fail) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', fail);
      });
      response.then(resolve, reject);
    });
    // Writing into a connection the server already closed fails; the response, if one came
    // before the connection closed, is what counts.
    req.on('error', (error) => {
      req.once('close', () => {
        if (response === null) reject(error);
      });
    });
    const writeNext = (i: number) => {
      const chunk = chunks[i];
      if (chunk === undefined) {
        req.end();
        return;
      }
      if (req.destroyed) return;
      req.write(chunk, () => setImmediate(() => writeNext(i + 1)));
    };
    writeNext(0);
  });
}
