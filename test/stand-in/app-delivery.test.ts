import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_SECRET, type FakeApp, startFakeApp } from './fake-app.ts';
import { useStandIn } from './test-fixture.ts';

// The stand-in delivers to a connected app what Slack would: events for conversations the bot
// is in, signed, in order, retried when the app fails to answer in time.

const fx = useStandIn();
let app: FakeApp;

beforeEach(async () => {
  app = await startFakeApp();
  fx.slack.addUser({ id: 'U1', name: 'ana' });
  fx.slack.addChannel({ id: 'CIN', name: 'inside', members: ['U1', 'UBOT'] });
  fx.slack.addChannel({ id: 'COUT', name: 'outside', members: ['U1'] });
});
afterEach(() => app.close());

function connect(extra: { retryDelaysMs?: number[]; timeoutMs?: number } = {}) {
  return fx.slack.connectApp({
    url: app.url,
    signingSecret: APP_SECRET,
    events: ['message.channels', 'reaction_added', 'reaction_removed'],
    commands: ['/incident'],
    shortcuts: ['add_to_timeline'],
    ...extra,
  });
}

describe('events', () => {
  it('delivers signed envelopes only for conversations the bot is a member of', async () => {
    const link = connect();
    fx.slack.people.post({ channel: 'COUT', user: 'U1', text: 'not for the bot' });
    const posted = fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'hi @ana & co' });
    await link.idle();
    expect(app.deliveries).toHaveLength(1);
    expect(app.deliveries[0]?.body).toMatchObject({
      type: 'event_callback',
      team_id: 'T0001',
      authorizations: [{ user_id: 'UBOT', is_bot: true }],
      event: {
        type: 'message',
        channel: 'CIN',
        channel_type: 'channel',
        user: 'U1',
        ts: posted.ts,
        event_ts: posted.ts,
        text: 'hi <@U1> &amp; co',
      },
    });
    expect(app.deliveries[0]?.headers['x-slack-retry-num']).toBeUndefined();
  });

  it('tells the app about the bot’s own posts (with bot_id), edits, deletes and reactions', async () => {
    const link = connect();
    const web = fx.client();
    const own = await web.chat.postMessage({ channel: 'CIN', text: 'from the bot' });
    const said = fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'first' });
    fx.slack.people.edit({ channel: 'CIN', ts: said.ts, user: 'U1', text: 'second' });
    fx.slack.people.react({ channel: 'CIN', ts: said.ts, user: 'U1', name: ':pushpin:' });
    fx.slack.people.react({
      channel: 'CIN',
      ts: said.ts,
      user: 'U1',
      name: 'pushpin',
      remove: true,
    });
    fx.slack.people.delete({ channel: 'CIN', ts: said.ts, user: 'U1' });
    await link.idle();
    const events = app.events();
    expect(events.map((e) => [e.type, e.subtype])).toEqual([
      ['message', undefined],
      ['message', undefined],
      ['message', 'message_changed'],
      ['reaction_added', undefined],
      ['reaction_removed', undefined],
      ['message', 'message_deleted'],
    ]);
    expect(events[0]).toMatchObject({ ts: own.ts, user: 'UBOT', bot_id: 'BBOT' });
    expect(events[2]).toMatchObject({
      message: { ts: said.ts, text: 'second', edited: { user: 'U1' } },
      previous_message: { ts: said.ts, text: 'first' },
    });
    expect(events[3]).toMatchObject({
      user: 'U1',
      reaction: 'pushpin',
      item_user: 'U1',
      item: { type: 'message', channel: 'CIN', ts: said.ts },
    });
    expect(events[5]).toMatchObject({ deleted_ts: said.ts, previous_message: { text: 'second' } });
    expect(fx.slack.history('CIN').map((m) => m.ts)).toEqual([own.ts]);
  });

  it('delivers events of channels the bot joins later, and none once it is disconnected', async () => {
    const link = connect();
    await fx.client().conversations.join({ channel: 'COUT' });
    fx.slack.people.post({ channel: 'COUT', user: 'U1', text: 'now it hears' });
    await link.idle();
    expect(app.events().map((e) => e.text)).toEqual(['now it hears']);
    link.close();
    fx.slack.people.post({ channel: 'COUT', user: 'U1', text: 'gone' });
    await link.idle();
    expect(app.deliveries).toHaveLength(1);
  });

  it('retries a delivery that timed out or failed, with X-Slack-Retry-Num and -Reason', async () => {
    // The first attempt is held until its retry has arrived, so it times out however slow the
    // machine is; the later answers have a whole second, so a busy machine cannot time them out.
    const link = connect({ timeoutMs: 1000, retryDelaysMs: [10, 10, 10] });
    let calls = 0;
    let releaseFirst = () => {};
    const retried = new Promise<void>((r) => {
      releaseFirst = r;
    });
    app.answer = async (_d, res) => {
      calls += 1;
      const call = calls;
      if (call === 1) await retried;
      else releaseFirst();
      res.writeHead(call <= 2 ? 500 : 200).end();
    };
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'once' });
    await fx.slack.waitFor(() => app.deliveries.length >= 3);
    await new Promise((r) => setTimeout(r, 100));
    await link.idle();
    expect(app.deliveries).toHaveLength(3);
    expect(
      app.deliveries.map((d) => [
        d.headers['x-slack-retry-num'],
        d.headers['x-slack-retry-reason'],
      ]),
    ).toEqual([
      [undefined, undefined],
      ['1', 'http_timeout'],
      ['2', 'http_error'],
    ]);
    const ids = new Set(app.deliveries.map((d) => d.body.event_id));
    expect(ids.size).toBe(1);
  });

  it('gives up after three retries', async () => {
    const failures: number[] = [];
    const link = fx.slack.connectApp({
      url: app.url,
      signingSecret: APP_SECRET,
      events: ['message.channels'],
      commands: [],
      retryDelaysMs: [5, 5, 5],
      onFailure: (f) => failures.push(f.attempt),
    });
    app.answer = (_d, res) => {
      res.writeHead(503).end();
    };
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'never taken' });
    await fx.slack.waitFor(() => failures.length === 4);
    await new Promise((r) => setTimeout(r, 50));
    await link.idle();
    expect(app.deliveries).toHaveLength(4);
    expect(failures).toEqual([0, 1, 2, 3]);
  });
});
