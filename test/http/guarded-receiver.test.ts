import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.ts';
import { guardedReceiver, onlyVouched } from '../../src/http/guarded-receiver.ts';
import { boltLoggerFor, createLogger } from '../../src/logger.ts';
import { ackEventsAfterListeners } from '../../src/slack/listeners/event-ack.ts';
import { eventEnvelope, signSlackRequest } from '../helpers/slack-signer.ts';

// Bolt's HTTPReceiver does not check signatures again behind our guard: every spelling of the
// Slack path goes through the guard, and Bolt serves that path only to requests it passed.

const SECRET = 'guarded-receiver-secret';
const discard = new Writable({ write: (_c, _e, done) => done() });

let app: App;
let port: number;
let seen: string[];
let retries: Array<number | undefined>;

beforeEach(async () => {
  const logger = createLogger('silent', discard);
  seen = [];
  retries = [];
  app = new App({
    token: 'xoxb-guarded',
    botId: 'B0GUARD',
    botUserId: 'U0GUARD',
    tokenVerificationEnabled: false,
    logger: boltLoggerFor(logger),
    receiver: guardedReceiver(SECRET, [], {
      clock: systemClock,
      logger,
      boltLogger: boltLoggerFor(logger),
    }),
  });
  app.event('message', async ({ event }) => {
    seen.push((event as { text?: string }).text ?? '');
  });
  app.event('reaction_added', async ({ context }) => {
    retries.push(context.retryNum);
    if (context.retryNum === 2) throw new Error('could not store it');
  });
  // As the bot answers events: once their listeners are done, with an error when one failed.
  ackEventsAfterListeners(app, logger);
  const server = (await app.start(0)) as Server;
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await app.stop();
});

/** A POST with the path sent exactly as given (fetch would normalise it first). */
function rawPost(
  path: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const message = (text: string) =>
  eventEnvelope({ type: 'message', channel: 'C0G', user: 'U0A', text, ts: '1.000001' });
const json = (body: string, timestamp?: number) => ({
  'content-type': 'application/json',
  ...signSlackRequest(body, SECRET, timestamp),
});

describe('the guarded receiver', () => {
  it('hands a signed event to the listeners once', async () => {
    const body = message('signed');
    expect((await rawPost('/slack/events', body, json(body))).status).toBe(200);
    await expect.poll(() => seen).toEqual(['signed']);
  });

  it('refuses every spelling of the Slack path that Bolt would route, unless the guard passed it', async () => {
    // Dated ten minutes ahead: Bolt's own check would accept it, the guard does not.
    const future = Math.floor(Date.now() / 1000) + 600;
    const spellings = ['/slack/events', '/slack/x/../events', '/slack/./events', '/slack\\events'];
    for (const path of spellings) {
      const body = message(`future ${path}`);
      const res = await rawPost(path, body, json(body, future));
      expect(res.status, path).toBe(401);
    }
    const forged = message('forged');
    const bad = await rawPost('/slack/x/../events', forged, {
      ...json(forged),
      'x-slack-signature': `v0=${'0'.repeat(64)}`,
    });
    expect(bad.status).toBe(401);
    expect(seen).toEqual([]);
  });

  it("answers Slack's unsigned ssl_check itself, dispatching nothing smuggled beside it", async () => {
    const payload = encodeURIComponent(message('smuggled'));
    const res = await rawPost('/slack/events', `ssl_check=1&payload=${payload}`, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
    // A signed event sent after it arrives alone: the smuggled one was never dispatched.
    const body = message('after');
    await rawPost('/slack/events', body, json(body));
    await expect.poll(() => seen).toEqual(['after']);
  });
});

describe('events handed on with the body the guard parsed', () => {
  const reaction = eventEnvelope({
    type: 'reaction_added',
    user: 'U0A',
    reaction: 'pushpin',
    item: { type: 'message', channel: 'C0G', ts: '1.000001' },
  });

  it("gives listeners Slack's retry number and answers a failed one with 500, as Bolt's receiver does", async () => {
    const first = await rawPost('/slack/events', reaction, json(reaction));
    const again = await rawPost('/slack/events', reaction, {
      ...json(reaction),
      'x-slack-retry-num': '2',
      'x-slack-retry-reason': 'http_error',
    });
    expect([first.status, again.status]).toEqual([200, 500]);
    expect(retries).toEqual([undefined, 2]);
  });

  it("answers the url_verification challenge with Bolt's answer", async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-42', token: 't' });
    const res = await rawPost('/slack/events', body, json(body));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ challenge: 'c-42' });
  });
});

describe('onlyVouched', () => {
  it('refuses a Slack request the guard never saw, and lets every other route through', async () => {
    const served: string[] = [];
    const listener = onlyVouched((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(200).end();
    });
    const { createServer } = await import('node:http');
    const server = createServer(listener);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const direct = (server.address() as AddressInfo).port;
    const send = (path: string, method: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: direct, path, method }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    try {
      expect(await send('/slack/events', 'POST')).toBe(401);
      expect(await send('/slack/x/../events', 'POST')).toBe(401);
      expect(await send('/healthz', 'GET')).toBe(200);
      expect(await send('/hooks/alertmanager', 'POST')).toBe(200);
      expect(served).toEqual(['/healthz', '/hooks/alertmanager']);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
