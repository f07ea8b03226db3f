import { describe, expect, it } from 'vitest';
import type { SocketApp } from './socket-app.ts';
import { useSocketApps } from './socket-fixture.ts';

// An app with several Socket Mode connections (one per replica, or an old and a new one while
// it refreshes): Slack gives each envelope to one of them, in turn, and sends an envelope whose
// connection ended before the ack again, over another.

const { fx, connected } = useSocketApps();

/** The texts of the message events an app was sent. */
function texts(app: SocketApp): string[] {
  return app.envelopes().map((e) => String((e.payload.event as { text?: string }).text));
}

// No ack deadline comes into play: a retry here can only follow a lost connection.
const link = () =>
  fx.slack.connectApp({
    socketMode: true,
    events: ['message.channels'],
    commands: ['/incident'],
    timeoutMs: 60_000,
    retryDelaysMs: [10, 10, 10],
  });

describe('several connections', () => {
  it('gives each envelope to one open connection, taking them in turn', async () => {
    const [one, two, three] = [await connected(), await connected(), await connected()];
    expect(fx.slack.socket.openConnections).toEqual([1, 2, 3]);
    const sent = link();
    for (let i = 1; i <= 6; i++)
      fx.slack.people.post({ channel: 'CIN', user: 'U1', text: `m${i}` });
    await sent.idle();
    expect(fx.slack.socket.sent.map((e) => e.connection)).toEqual([1, 2, 3, 1, 2, 3]);
    expect([one, two, three].map((app) => app && texts(app))).toEqual([
      ['m1', 'm4'],
      ['m2', 'm5'],
      ['m3', 'm6'],
    ]);
    expect(fx.slack.socket.acks).toHaveLength(6);
  });

  it('sends an envelope again over another connection when its own ends before the ack', async () => {
    const doomed = await connected();
    const survivor = await connected();
    // The first connection goes down with the envelope in hand, as a killed process does.
    doomed.answer = () => {
      doomed.ws.terminate();
      return null;
    };
    const sent = link();
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'in flight' });
    await fx.slack.waitFor(() => survivor.envelopes().length === 1);
    await sent.idle();
    const [first, again] = fx.slack.socket.sent;
    expect(first).toMatchObject({ connection: 1, retry_attempt: 0, retry_reason: '' });
    expect(again).toMatchObject({
      connection: 2,
      retry_attempt: 1,
      retry_reason: 'connection_failed',
    });
    expect(again?.payload.event_id).toBe(first?.payload.event_id);
    expect(again?.envelope_id).not.toBe(first?.envelope_id);
    expect(fx.slack.socket.acks.map((a) => a.envelopeId)).toEqual([again?.envelope_id]);
    expect(fx.slack.socket.openConnections).toEqual([2]);

    // From then on everything goes to the connection that is left.
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'after' });
    await sent.idle();
    expect(texts(survivor)).toEqual(['in flight', 'after']);
  });

  it('tells the person a command failed when its connection ends before the ack', async () => {
    const doomed = await connected();
    doomed.answer = () => {
      doomed.ws.terminate();
      return null;
    };
    link();
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident start x' });
    const visible = fx.slack.workspace.ephemerals.visibleTo('CIN', 'U1');
    expect(visible.map((m) => [m.user, m.text])).toEqual([
      ['USLACKBOT', '/incident failed with the error "dispatch_failed"'],
    ]);
    // Slack does not send a command again: the person runs it again if they still want it.
    expect(fx.slack.socket.sent.filter((e) => e.type === 'slash_commands')).toHaveLength(1);
  });

  it('sends nothing more over a connection told to reconnect once a new one is open', async () => {
    const old = await connected();
    fx.slack.socket.disconnect('warning');
    const fresh = await connected();
    const sent = link();
    for (const text of ['a', 'b', 'c']) fx.slack.people.post({ channel: 'CIN', user: 'U1', text });
    await sent.idle();
    expect(texts(fresh)).toEqual(['a', 'b', 'c']);
    expect(texts(old)).toEqual([]);
    expect(fx.slack.socket.openConnections).toEqual([1, 2]);
  });

  it('keeps using a connection told to reconnect while it is the only one', async () => {
    const old = await connected();
    fx.slack.socket.disconnect('refresh_requested');
    const sent = link();
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'still here' });
    await sent.idle();
    expect(texts(old)).toEqual(['still here']);
  });
});
