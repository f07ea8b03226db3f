import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, type Harness, SIGNING_SECRET, startHarness, tsAt } from '../helpers/harness.ts';
import { eventEnvelope, postSigned, slashCommandBody } from '../helpers/slack-signer.ts';

const CHANNEL = 'CHTTP0001';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

let h: Harness;

beforeEach(async () => {
  h = await startHarness({ start: T0 });
});

afterEach(async () => {
  await h.close();
});

const startBody = () =>
  slashCommandBody({
    command: '/incident',
    text: 'start Forged',
    userId: 'UX',
    channelId: CHANNEL,
  });

describe('requests that do not come from Slack', () => {
  it('rejects a correctly signed request dated more than 5 minutes ahead (Bolt alone accepts it)', async () => {
    const res = await postSigned(h.url, startBody(), {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Math.floor(Date.now() / 1000) + 6 * 60,
    });
    expect(res.status).toBe(401);
    expect(h.count('incidents')).toBe(0);
    expect(h.logLines.join('')).toContain('"reason":"future"');
  });

  it('rejects a replayed command: the first is obeyed, the copy refused', async () => {
    const body = startBody();
    const timestamp = Math.floor(Date.now() / 1000);
    const send = () =>
      postSigned(h.url, body, {
        secret: SIGNING_SECRET,
        contentType: 'application/x-www-form-urlencoded',
        timestamp,
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(401);
    expect(h.count('incidents')).toBe(1);
    expect(h.logLines.join('')).toContain('refused a replayed Slack request');
  });

  it("accepts Slack's own retry of an event even when it repeats the signature, storing it once", async () => {
    await h.command({ userId: 'UA', channelId: CHANNEL, command: '/incident', text: 'start Real' });
    const body = eventEnvelope(
      { type: 'message', channel: CHANNEL, user: 'UA', text: 'hello', ts: tsAt(T0 + 1000) },
      { eventId: 'EvRETRY1' },
    );
    const timestamp = Math.floor(Date.now() / 1000);
    const send = (headers?: Record<string, string>) =>
      postSigned(h.url, body, {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
        timestamp,
        ...(headers ? { headers } : {}),
      });
    expect((await send()).status).toBe(200);
    const retry = { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    expect((await send(retry)).status).toBe(200);
    expect((await send(retry)).status).toBe(401);
    expect(h.rows('select text from messages')).toEqual([{ text: 'hello' }]);
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const huge = `${startBody()}&pad=${'x'.repeat(1024 * 1024)}`;
    const res = await postSigned(h.url, huge, {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(413);
    expect(h.count('incidents')).toBe(0);
  });

  it('refuses signed but malformed bodies with 400/415, storing nothing', async () => {
    const cases: Array<[string, 'application/json' | 'application/x-www-form-urlencoded', number]> =
      [
        ['{"type":"event_callback",', 'application/json', 400],
        ['[1,2,3]', 'application/json', 400],
        ['payload=%7Bnot-json', 'application/x-www-form-urlencoded', 400],
      ];
    for (const [body, contentType, status] of cases) {
      const res = await postSigned(h.url, body, { secret: SIGNING_SECRET, contentType });
      expect(res.status, body).toBe(status);
    }
    const signedXml = await postSigned(h.url, '<a/>', {
      secret: SIGNING_SECRET,
      contentType: 'text/xml' as 'application/json',
    });
    expect(signedXml.status).toBe(415);
    const xml = await fetch(h.url, {
      method: 'POST',
      headers: {
        'content-type': 'text/xml',
        'x-slack-request-timestamp': '1',
        'x-slack-signature': 'v0=1',
      },
      body: '<a/>',
    });
    expect(xml.status).toBe(401);
    expect(h.count('incidents') + h.count('messages')).toBe(0);
  });

  it('rejects a command with a bad signature: 401, nothing stored, nothing posted', async () => {
    const res = await postSigned(h.url, startBody(), {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=deadbeef',
    });
    expect(res.status).toBe(401);
    expect(h.count('incidents')).toBe(0);
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('rejects a request signed with another secret', async () => {
    const res = await postSigned(h.url, startBody(), {
      secret: 'not-the-secret',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(401);
    expect(h.count('incidents')).toBe(0);
  });

  it('rejects a correctly signed but stale request (older than 5 minutes)', async () => {
    const res = await postSigned(h.url, startBody(), {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(res.status).toBe(401);
    expect(h.count('incidents')).toBe(0);
  });

  it('rejects a forged message event and stores nothing', async () => {
    await h.command({
      userId: 'UA',
      channelId: CHANNEL,
      command: '/incident',
      text: 'start Real one',
    });
    await h.slack.waitForCall('chat.postMessage');
    const body = eventEnvelope({
      type: 'message',
      channel: CHANNEL,
      user: 'UA',
      text: 'forged',
      ts: tsAt(T0),
    });
    const res = await postSigned(h.url, body, {
      secret: SIGNING_SECRET,
      contentType: 'application/json',
      signature: 'v0=0000',
    });
    expect(res.status).toBe(401);
    expect(h.count('messages')).toBe(0);
    expect(h.count('processed_events')).toBe(0);
  });
});

describe('Slack handshakes and health', () => {
  it('answers the Events API url_verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const res = await postSigned(h.url, body, {
      secret: SIGNING_SECRET,
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(res.body).toContain('c-123');
  });

  it('reports healthy with JSON once the database is open', async () => {
    const res = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: 'ok',
      mode: 'http',
      openIncidents: 0,
      slack: { status: 'ok' },
      problems: [],
    });
  });

  it('never writes the bot token or signing secret to the log', async () => {
    await h.command({ userId: 'UA', channelId: CHANNEL, command: '/incident', text: 'start Logs' });
    await h.slack.waitForCall('chat.postMessage');
    await postSigned(h.url, startBody(), {
      secret: SIGNING_SECRET,
      contentType: 'application/x-www-form-urlencoded',
      signature: 'v0=bad',
    });
    const log = h.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(BOT_TOKEN);
    expect(log).not.toContain(SIGNING_SECRET);
  });
});
