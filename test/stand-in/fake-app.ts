import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySlackRequest } from '@slack/bolt';

export const APP_SECRET = 'fake-app-signing-secret';

export interface Delivery {
  headers: IncomingMessage['headers'];
  raw: string;
  /** The JSON event envelope, or the form fields (payload parsed) of a command or interaction. */
  body: Record<string, unknown>;
}

export interface FakeApp {
  url: string;
  deliveries: Delivery[];
  /** Events only (envelopes' `event`), in arrival order. */
  events(): Array<Record<string, unknown>>;
  /** How the app answers the next requests; default 200 with an empty body. */
  answer: (d: Delivery, res: ServerResponse) => void | Promise<void>;
  close(): Promise<void>;
}

/** An app's Request URL that checks Slack's signature and records what it was sent. */
export async function startFakeApp(): Promise<FakeApp> {
  const deliveries: Delivery[] = [];
  const app: FakeApp = {
    url: '',
    deliveries,
    events: () =>
      deliveries
        .map((d) => d.body.event as Record<string, unknown> | undefined)
        .filter((e): e is Record<string, unknown> => e !== undefined),
    answer: (_d, res) => {
      res.writeHead(200).end();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    try {
      verifySlackRequest({
        signingSecret: APP_SECRET,
        body: raw,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature']),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
      });
    } catch {
      // Not signed as Slack signs: never recorded, so a test waiting for it fails.
      res.writeHead(401).end();
      return;
    }
    const delivery: Delivery = { headers: req.headers, raw, body: decode(req, raw) };
    deliveries.push(delivery);
    await app.answer(delivery, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return app;
}

function decode(req: IncomingMessage, raw: string): Record<string, unknown> {
  if (req.headers['content-type'] === 'application/json') return JSON.parse(raw);
  const fields = Object.fromEntries(new URLSearchParams(raw));
  return fields.payload ? { ...fields, payload: JSON.parse(fields.payload) } : fields;
}
