import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openConnection } from './socket-app.ts';
import { useSocketApps } from './socket-fixture.ts';
import { TOKEN } from './test-fixture.ts';

// Slack's side of Socket Mode: apps.connections.open takes the app-level token only and hands
// out one-use URLs; a connection gets a hello, then envelopes; acks answer them, and an envelope
// left unacked comes again.

const { fx, connected } = useSocketApps();

function link(extra: { timeoutMs?: number; retryDelaysMs?: number[] } = {}) {
  return fx.slack.connectApp({
    socketMode: true,
    events: ['message.channels'],
    commands: ['/incident'],
    shortcuts: ['add_to_timeline'],
    ...extra,
  });
}

/** Why a WebSocket handshake was refused: the HTTP status. */
function refusal(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve('opened'));
    ws.once('error', (error) => resolve(error.message));
  });
}

describe('apps.connections.open', () => {
  it('takes the app-level token only', async () => {
    expect(await openConnection(fx.slack, TOKEN)).toEqual({
      ok: false,
      error: 'not_allowed_token_type',
    });
    expect(await openConnection(fx.slack, 'xapp-1-wrong')).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
    expect(await openConnection(fx.slack, null)).toEqual({ ok: false, error: 'not_authed' });
    expect(fx.slack.socket.opened).toBe(0);
    const opened = await openConnection(fx.slack, fx.slack.socket.appToken);
    const port = new URL(fx.slack.baseUrl).port;
    expect(opened).toEqual({
      ok: true,
      url: expect.stringMatching(
        new RegExp(`^ws://127\\.0\\.0\\.1:${port}/link/\\?ticket=[0-9a-f]{32}&app_id=A0001$`),
      ),
    });
  });

  it('hands out URLs good for one connection, each greeted with hello', async () => {
    const { url = '' } = await openConnection(fx.slack, fx.slack.socket.appToken);
    const app = await connected(url);
    expect(app.frames[0]).toEqual({
      type: 'hello',
      num_connections: 1,
      debug_info: expect.objectContaining({ host: expect.any(String) }),
      connection_info: { app_id: 'A0001' },
    });
    expect(await refusal(url)).toContain('401');
    expect(await refusal(url.replace(/ticket=\w+/, 'ticket=made-up'))).toContain('401');
    expect(await refusal(url.replace('/link/', '/other/'))).toContain('404');
    expect(fx.slack.socket.connections).toBe(1);
  });
});

describe('envelopes', () => {
  it('delivers events as events_api envelopes and ignores what it cannot read', async () => {
    const app = await connected();
    const sent = link();
    app.ws.send('not json');
    app.ws.send(JSON.stringify({ envelope_id: 'never-sent' }));
    const posted = fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'hello' });
    await sent.idle();
    expect(app.envelopes()).toEqual([
      {
        envelope_id: expect.any(String),
        type: 'events_api',
        payload: expect.objectContaining({
          type: 'event_callback',
          event: expect.objectContaining({ type: 'message', ts: posted.ts, text: 'hello' }),
        }),
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: '',
      },
    ]);
    expect(fx.slack.socket.acks.map((a) => a.envelopeId)).toEqual([
      'never-sent',
      app.envelopes()[0]?.envelope_id,
    ]);
    expect(fx.slack.socket.connections).toBe(1);
  });

  it('sends an envelope left unacked again, with retry_attempt and retry_reason', async () => {
    const app = await connected();
    let answered = 0;
    app.answer = () => (++answered === 1 ? null : {});
    const sent = link({ timeoutMs: 100, retryDelaysMs: [10, 10, 10] });
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'once' });
    await fx.slack.waitFor(() => app.envelopes().length === 2);
    await sent.idle();
    const [first, second] = app.envelopes();
    expect([first?.retry_attempt, first?.retry_reason]).toEqual([0, '']);
    expect([second?.retry_attempt, second?.retry_reason]).toEqual([1, 'timeout']);
    expect(second?.payload.event_id).toBe(first?.payload.event_id);
    expect(second?.envelope_id).not.toBe(first?.envelope_id);
  });

  it('holds events while the app has no connection and sends them once it connects', async () => {
    const sent = link();
    fx.slack.people.post({ channel: 'CIN', user: 'U1', text: 'while away' });
    await new Promise((r) => setTimeout(r, 50));
    const app = await connected();
    await sent.idle();
    expect(app.envelopes().map((e) => (e.payload.event as { text: string }).text)).toEqual([
      'while away',
    ]);
  });

  it('sends commands with their fields and shows the ack payload to the caller', async () => {
    const app = await connected();
    app.answer = (e) => (e.type === 'slash_commands' ? { text: 'Only for you' } : {});
    link();
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident help' });
    expect(app.envelopes()[0]).toMatchObject({
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: { command: '/incident', text: 'help', user_id: 'U1', channel_id: 'CIN' },
    });
    const visible = fx.slack.workspace.ephemerals.visibleTo('CIN', 'U1');
    expect(visible.map((m) => [m.user, m.text])).toEqual([['UBOT', 'Only for you']]);
  });

  it('sends clicks and shortcuts as interactive envelopes', async () => {
    const app = await connected();
    link();
    const posted = await fx.client().chat.postMessage({ channel: 'CIN', text: 'see' });
    await fx.slack.people.shortcut({
      channel: 'CIN',
      ts: String(posted.ts),
      user: 'U1',
      callbackId: 'add_to_timeline',
    });
    expect(app.envelopes().find((e) => e.type === 'interactive')?.payload).toMatchObject({
      type: 'message_action',
      callback_id: 'add_to_timeline',
      message_ts: posted.ts,
    });
  });

  it('tells the person when a command is not acked in time or nobody is connected', async () => {
    link({ timeoutMs: 100 });
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident a' });
    const app = await connected();
    app.answer = () => null;
    await fx.slack.people.command({ channel: 'CIN', user: 'U1', text: '/incident b' });
    const visible = fx.slack.workspace.ephemerals.visibleTo('CIN', 'U1');
    expect(visible.map((m) => [m.user, m.text])).toEqual([
      ['USLACKBOT', '/incident failed with the error "dispatch_failed"'],
      ['USLACKBOT', '/incident failed with the error "operation_timeout"'],
    ]);
  });
});

describe('reconnecting', () => {
  it('asks for a new connection with disconnect, for each reason', async () => {
    const app = await connected();
    for (const reason of ['warning', 'refresh_requested', 'link_disabled'] as const) {
      fx.slack.socket.disconnect(reason);
    }
    await fx.slack.waitFor(() => app.frames.length === 4);
    expect(app.frames.slice(1)).toEqual(
      ['warning', 'refresh_requested', 'link_disabled'].map((reason) => ({
        type: 'disconnect',
        reason,
        debug_info: { host: expect.any(String) },
      })),
    );
  });

  it('drops connections without a close frame, and counts only open ones', async () => {
    const app = await connected();
    fx.slack.socket.drop();
    expect(await app.closed).toBe(1006);
    await fx.slack.waitFor(() => fx.slack.socket.connections === 0);
  });
});
