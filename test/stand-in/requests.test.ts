import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type SlashCommand, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventEnvelope,
  postSigned,
  signSlackRequest,
  slashCommandBody,
} from '../../src/stand-in/requests.ts';

const SECRET = 'test-signing-secret';

function verifiedByBolt(body: string, headers: ReturnType<typeof signSlackRequest>): boolean {
  try {
    verifySlackRequest({
      signingSecret: SECRET,
      body,
      headers: {
        'x-slack-signature': headers['x-slack-signature'],
        'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
      },
      nowMilliseconds: Number(headers['x-slack-request-timestamp']) * 1000,
    });
    return true;
  } catch {
    return false;
  }
}

describe('signSlackRequest', () => {
  it('reproduces the worked example from Slack’s request-verification guide', () => {
    const body = [
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow',
      '&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner',
      '&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands',
      '%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN',
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
    ].join('');
    expect(signSlackRequest(body, '8f742231b10e8888abcd99yyyzzz85a5', 1531420618)).toEqual({
      'x-slack-request-timestamp': '1531420618',
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    });
  });

  it('matches an HMAC computed here from the raw parts', () => {
    const body = '{"type":"event_callback","event":{"text":"héllo & bye"}}';
    const expected = createHmac('sha256', SECRET)
      .update(`v0:1795269600:${body}`, 'utf8')
      .digest('hex');
    expect(signSlackRequest(body, SECRET, 1795269600)['x-slack-signature']).toBe(`v0=${expected}`);
  });

  it('is accepted by Bolt’s verifier, which rejects a tampered body', () => {
    const body = slashCommandBody({
      command: '/scribe',
      text: 'start',
      userId: 'U1',
      channelId: 'C1',
    });
    const headers = signSlackRequest(body, SECRET);
    expect(verifiedByBolt(body, headers)).toBe(true);
    expect(verifiedByBolt(body.replace('start', 'stop'), headers)).toBe(false);
    expect(verifiedByBolt(body, signSlackRequest(body, 'another-secret'))).toBe(false);
  });
});

describe('request bodies', () => {
  it('carries every slash-command field Slack sends', () => {
    const body = slashCommandBody({
      command: '/scribe',
      text: 'start db outage',
      userId: 'U1',
      channelId: 'C1',
      responseUrl: 'http://127.0.0.1:1/response/1',
      triggerId: '1.2.abc',
    });
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      token: expect.any(String),
      team_id: 'T0001',
      team_domain: expect.any(String),
      channel_id: 'C1',
      channel_name: expect.any(String),
      user_id: 'U1',
      user_name: expect.any(String),
      command: '/scribe',
      text: 'start db outage',
      api_app_id: expect.any(String),
      is_enterprise_install: 'false',
      response_url: 'http://127.0.0.1:1/response/1',
      trigger_id: '1.2.abc',
    });
  });

  it('wraps an event in an event_callback envelope', () => {
    const event = { type: 'message', channel: 'C1', user: 'U1', text: 'hi', ts: '1.000001' };
    const envelope = JSON.parse(eventEnvelope(event, { eventId: 'Ev1', eventTime: 1795269600 }));
    expect(envelope).toMatchObject({
      team_id: 'T0001',
      type: 'event_callback',
      event,
      event_id: 'Ev1',
      event_time: 1795269600,
      authorizations: [{ team_id: 'T0001', user_id: 'UBOT', is_bot: true }],
      is_ext_shared_channel: false,
    });
    expect(envelope.event_context).toEqual(expect.any(String));
  });
});

describe('postSigned against a real Bolt app', () => {
  const commands: SlashCommand[] = [];
  const retries: Array<number | undefined> = [];
  let app: App;
  let url: string;

  beforeAll(async () => {
    app = new App({
      signingSecret: SECRET,
      // A fixed authorization keeps this test off the Web API entirely.
      authorize: async () => ({ botToken: 'xoxb-unused', botUserId: 'UBOT', botId: 'BBOT' }),
      logLevel: LogLevel.ERROR,
    });
    app.command('/scribe', async ({ command, ack }) => {
      commands.push(command);
      await ack({ text: `got ${command.text}` });
    });
    app.event('app_mention', async ({ context }) => {
      retries.push(context.retryNum);
    });
    const server = await app.start(0);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
  });

  it('delivers a signed slash command and returns the ack body', async () => {
    const body = slashCommandBody({
      command: '/scribe',
      text: 'start',
      userId: 'U1',
      channelId: 'C1',
    });
    const res = await postSigned(url, body, {
      secret: SECRET,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ text: 'got start' });
    expect(commands.at(-1)).toMatchObject({ command: '/scribe', user_id: 'U1', channel_id: 'C1' });
  });

  it('delivers a signed event with extra headers', async () => {
    const body = eventEnvelope({ type: 'app_mention', channel: 'C1', user: 'U1', text: 'hi' });
    const res = await postSigned(url, body, {
      secret: SECRET,
      contentType: 'application/json',
      headers: { 'X-Slack-Retry-Num': '2', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    await expect.poll(() => retries).toEqual([2]);
  });

  it('is refused with a bad signature or a stale timestamp', async () => {
    const body = slashCommandBody({ command: '/scribe', text: 'x', userId: 'U1', channelId: 'C1' });
    const form = { secret: SECRET, contentType: 'application/x-www-form-urlencoded' } as const;
    const forged = await postSigned(url, body, { ...form, signature: 'v0=deadbeef' });
    expect(forged.status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await postSigned(url, body, { ...form, timestamp: stale })).status).toBe(401);
    expect(commands.map((c) => c.text)).not.toContain('x');
  });
});
