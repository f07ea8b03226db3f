import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Refusal } from '../../src/stand-in/index.ts';
import { APP_SECRET, type Delivery, type FakeApp, startFakeApp } from './fake-app.ts';
import { useStandIn } from './test-fixture.ts';

// Slash commands, clicks and shortcuts go to the app with a response URL; its answers show up as
// Slack shows them: to the caller alone, in the channel, or in place of the original message.

const fx = useStandIn();
let app: FakeApp;

beforeEach(async () => {
  app = await startFakeApp();
  fx.slack.addUser({ id: 'U1', name: 'ana' });
  fx.slack.addUser({ id: 'U2', name: 'bo' });
  fx.slack.addChannel({ id: 'CIN', name: 'inside', members: ['U1', 'U2', 'UBOT'] });
  fx.slack.addChannel({ id: 'GSECRET', name: 'secret', isPrivate: true, members: ['U1'] });
  fx.slack.connectApp({
    url: app.url,
    signingSecret: APP_SECRET,
    events: [],
    commands: ['/incident'],
    shortcuts: ['add_to_timeline'],
    timeoutMs: 300,
  });
});
afterEach(() => app.close());

const ephemeralsOf = (user: string, channel = 'CIN') =>
  fx.slack.workspace.ephemerals.visibleTo(channel, user);

function answerWith(body: unknown): void {
  app.answer = (_d, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

async function respond(delivery: Delivery | undefined, body: unknown): Promise<Response> {
  const payload = delivery?.body.payload as { response_url?: string } | undefined;
  const url = String(payload?.response_url ?? delivery?.body.response_url);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('slash commands', () => {
  it('sends the command as Slack does and shows the ack to the caller alone', async () => {
    answerWith({ response_type: 'ephemeral', text: 'Only for you' });
    await fx.slack.people.command({
      channel: 'CIN',
      user: 'U1',
      text: '/incident lead @bo #inside a&b',
    });
    expect(app.deliveries[0]?.body).toMatchObject({
      command: '/incident',
      text: 'lead <@U2|bo> <#CIN|inside> a&amp;b',
      user_id: 'U1',
      user_name: 'ana',
      channel_id: 'CIN',
      channel_name: 'inside',
    });
    expect(ephemeralsOf('U1').map((m) => m.text)).toEqual(['Only for you']);
    expect(ephemeralsOf('U2')).toEqual([]);
  });

  it('posts an in_channel answer to the channel and keeps private channels unnamed', async () => {
    answerWith({ response_type: 'in_channel', text: 'For everyone' });
    await fx.slack.people.command({ channel: 'GSECRET', user: 'U1', text: '/incident' });
    expect(app.deliveries[0]?.body).toMatchObject({ channel_name: 'privategroup', text: '' });
    expect(fx.slack.history('GSECRET')).toMatchObject([{ text: 'For everyone', user: 'UBOT' }]);
  });

  it('answers unknown commands and timeouts with Slackbot’s notices', async () => {
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/nope x' });
    expect(app.deliveries).toHaveLength(0);
    app.answer = async (_d, res) => {
      await new Promise((r) => setTimeout(r, 500));
      res.writeHead(200).end();
    };
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident help' });
    expect(ephemeralsOf('U1').map((m) => [m.user, m.text])).toEqual([
      ['USLACKBOT', expect.stringContaining('`/nope` is not a valid command')],
      ['USLACKBOT', '/incident failed with the error "operation_timeout"'],
    ]);
  });

  it('shows response URL answers to the caller, five times at most', async () => {
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident status' });
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i += 1) {
      statuses.push((await respond(app.deliveries[0], { text: `answer ${i}` })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect(ephemeralsOf('U1')).toHaveLength(5);
    expect(fx.slack.history('CIN')).toEqual([]);
  });
});

describe('clicks and shortcuts', () => {
  const blocks = [
    {
      type: 'actions',
      block_id: 'buttons',
      elements: [
        { type: 'button', action_id: 'go', value: '42', text: { type: 'plain_text', text: 'Go' } },
      ],
    },
  ];

  it('sends block_actions with the message and lets the app replace or delete it', async () => {
    const posted = await fx.client().chat.postMessage({ channel: 'CIN', text: 'pick', blocks });
    const ts = String(posted.ts);
    await fx.slack.people.click({
      channel: 'CIN',
      ts,
      user: 'U2',
      actionId: 'go',
      blockId: 'buttons',
    });
    const payload = app.deliveries[0]?.body.payload;
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U2', username: 'bo' },
      container: { message_ts: ts, is_ephemeral: false },
      message: { ts, text: 'pick', blocks },
      actions: [{ action_id: 'go', block_id: 'buttons', value: '42' }],
    });
    await respond(app.deliveries[0], { replace_original: true, text: 'picked' });
    expect(fx.slack.history('CIN')).toMatchObject([{ ts, text: 'picked' }]);
    expect(fx.slack.history('CIN')[0]?.blocks).toBeUndefined();
    await respond(app.deliveries[0], { delete_original: true });
    expect(fx.slack.history('CIN')).toEqual([]);
  });

  it('clicks in an ephemeral message say so, and replace that message only', async () => {
    const web = fx.client();
    const { message_ts: ts } = await web.chat.postEphemeral({
      channel: 'CIN',
      user: 'U1',
      text: 'psst',
      blocks,
    });
    expect(ephemeralsOf('U2')).toEqual([]);
    await expect(
      fx.slack.people.click({
        channel: 'CIN',
        ts: String(ts),
        user: 'U2',
        actionId: 'go',
        blockId: 'buttons',
      }),
    ).rejects.toThrow(Refusal);
    await fx.slack.people.click({
      channel: 'CIN',
      ts: String(ts),
      user: 'U1',
      actionId: 'go',
      blockId: 'buttons',
    });
    const payload = app.deliveries[0]?.body.payload as Record<string, unknown>;
    expect(payload.container).toMatchObject({ is_ephemeral: true });
    expect(payload.message).toBeUndefined();
    await respond(app.deliveries[0], { replace_original: true, text: 'done' });
    expect(ephemeralsOf('U1')).toMatchObject([{ ts, text: 'done' }]);
  });

  it('refuses controls the message does not have and shortcuts the app does not declare', async () => {
    const posted = await fx.client().chat.postMessage({ channel: 'CIN', text: 'pick', blocks });
    const ts = String(posted.ts);
    await expect(
      fx.slack.people.click({
        channel: 'CIN',
        ts,
        user: 'U1',
        actionId: 'other',
        blockId: 'buttons',
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      fx.slack.people.shortcut({ channel: 'CIN', ts, user: 'U1', callbackId: 'nope' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(app.deliveries).toHaveLength(0);
    await fx.slack.people.shortcut({
      channel: 'CIN',
      ts,
      user: 'U1',
      callbackId: 'add_to_timeline',
    });
    expect(app.deliveries[0]?.body.payload).toMatchObject({
      type: 'message_action',
      callback_id: 'add_to_timeline',
      message_ts: ts,
      message: { ts, text: 'pick' },
    });
  });
});
