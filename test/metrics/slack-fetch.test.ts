import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boltLoggerFor, createLogger } from '../../src/logger.ts';
import { instrumentSlackFetch, type SlackContact } from '../../src/metrics/slack-fetch.ts';
import { TestClock } from '../helpers/harness.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

const TOKEN = 'xoxb-test-token';

// The instrumented fetch under a real WebClient, against the loopback Slack.
describe('counting Web API requests', () => {
  let slack: SlackStandIn;
  let clock: TestClock;
  let counted: string[];
  let contact: SlackContact;

  beforeEach(async () => {
    slack = await startSlackStandIn({ token: TOKEN });
    clock = new TestClock(Date.UTC(2026, 10, 21, 14, 0));
    counted = [];
    contact = { lastAnsweredAt: null, lastFailedAt: null };
  });

  afterEach(async () => {
    await slack.close();
  });

  function client(apiUrl = slack.apiUrl, retries = 0) {
    const fetch = instrumentSlackFetch({
      apiUrl,
      clock,
      count: (method, outcome) => counted.push(`${method} ${outcome}`),
      contact,
    });
    return new webApi.WebClient(TOKEN, {
      slackApiUrl: apiUrl,
      fetch,
      retryConfig: { retries, minTimeout: 0, maxTimeout: 0 },
      logger: boltLoggerFor(createLogger('silent')),
    });
  }

  it('counts ok and Slack error codes per method, and dates the last answer', async () => {
    const web = client();
    await web.auth.test();
    slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    clock.advance(1000);
    await expect(web.chat.postMessage({ channel: 'CX', text: 'hi' })).rejects.toThrow();
    expect(counted).toEqual(['auth.test ok', 'chat.postMessage channel_not_found']);
    // An error code is still an answer: Slack is there.
    expect(contact).toEqual({ lastAnsweredAt: clock.now(), lastFailedAt: null });
  });

  it('makes 429s visible as rate_limited, the retry that follows as ok', async () => {
    const web = client(slack.apiUrl, 1);
    slack.failNext('conversations.info', { status: 429, retryAfter: 0 });
    await web.conversations.info({ channel: 'C404' }).catch(() => undefined);
    slack.failNext('users.info', { error: 'ratelimited' });
    await expect(web.users.info({ user: 'U1' })).rejects.toThrow();
    expect(counted).toEqual([
      'conversations.info rate_limited',
      expect.stringMatching(/^conversations\.info /),
      'users.info rate_limited',
    ]);
  });

  it('counts an HTTP error and no answer at all, which /healthz reads as unreachable', async () => {
    const web = client();
    slack.failNext('chat.update', { status: 503 });
    await expect(web.chat.update({ channel: 'C1', ts: '1.0', text: 'x' })).rejects.toThrow();
    expect(contact.lastFailedAt).toBe(clock.now());

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const gone = client(`http://127.0.0.1:${port}/api/`);
    clock.advance(5000);
    await expect(gone.auth.test()).rejects.toThrow();
    expect(counted).toEqual(['chat.update http_error', 'auth.test unreachable']);
    expect(contact.lastFailedAt).toBe(clock.now());
  });

  it('lets requests to other URLs (response_url, uploads) through uncounted', async () => {
    const fetch = instrumentSlackFetch({
      apiUrl: slack.apiUrl,
      clock,
      count: (method, outcome) => counted.push(`${method} ${outcome}`),
      contact,
    });
    const res = await fetch(slack.responseUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'reply' }),
    });
    expect(res.status).toBe(200);
    expect(counted).toEqual([]);
    expect(contact).toEqual({ lastAnsweredAt: null, lastFailedAt: null });
  });
});
