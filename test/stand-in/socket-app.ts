import { WebSocket } from 'ws';
import type { EnvelopeFrame, SlackStandIn } from '../helpers/slack-stand-in.ts';

/** A frame the app received: hello, disconnect or an envelope. */
export type Frame = Record<string, unknown> & { type: string };

export interface SocketApp {
  ws: WebSocket;
  frames: Frame[];
  envelopes(): EnvelopeFrame[];
  /** How the app answers each envelope; default an empty ack. Return null to leave it unacked. */
  answer: (envelope: EnvelopeFrame) => Record<string, unknown> | null;
  /** Resolves with the close code once the connection is gone. */
  closed: Promise<number>;
  close(): void;
}

/** apps.connections.open with `token`, as the Socket Mode client calls it: the raw answer. */
export async function openConnection(slack: SlackStandIn, token: string | null) {
  const res = await fetch(`${slack.apiUrl}apps.connections.open`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
  });
  return (await res.json()) as { ok: boolean; url?: string; error?: string };
}

/** A raw Socket Mode app: opens a connection, records every frame, acks as told. */
export async function connectSocketApp(slack: SlackStandIn, url?: string): Promise<SocketApp> {
  const target = url ?? (await openConnection(slack, slack.socket.appToken)).url ?? '';
  const ws = new WebSocket(target);
  const app: SocketApp = {
    ws,
    frames: [],
    envelopes: () => app.frames.filter((f) => 'envelope_id' in f) as unknown as EnvelopeFrame[],
    answer: () => ({}),
    closed: new Promise((resolve) => ws.once('close', (code) => resolve(code))),
    close: () => ws.close(1000),
  };
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    app.frames.push(frame);
    if (!('envelope_id' in frame)) return;
    const payload = app.answer(frame as unknown as EnvelopeFrame);
    if (payload) ws.send(JSON.stringify({ envelope_id: frame.envelope_id, payload }));
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await slack.waitFor(() => app.frames.some((f) => f.type === 'hello'));
  return app;
}
