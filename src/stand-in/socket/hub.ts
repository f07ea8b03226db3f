import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { randomHex } from '../request-defaults.ts';
import { fail, type MethodResult, ok } from '../slack/method-kit.ts';
import { type OutgoingEnvelope, type SentEnvelope, toFrame } from './envelopes.ts';

// Slack's side of Socket Mode: apps.connections.open hands out one-use WebSocket URLs on the
// stand-in's own server; each connection gets a hello, then envelopes, and answers with acks.
// An app may hold several connections (one per replica, or an old and a new one while it
// refreshes): Slack gives each envelope to one of them, taking them in turn.

export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled';

/** The app's ack (its `payload`, or null when it sent none), or why none came in time. */
export type SocketAnswer =
  | { acked: true; payload: Record<string, unknown> | null }
  | { acked: false; reason: 'timeout' | 'no_connection' | 'connection_lost' };

export interface ReceivedAck {
  envelopeId: string;
  payload: Record<string, unknown> | null;
  at: number;
}

export interface DeliverOptions {
  /** Slack's ack deadline for this envelope. */
  ackMs: number;
  /** How long to wait for an open connection; default as long as it takes. */
  connectMs?: number;
  /** Gives up the wait for a connection or an ack. */
  signal?: AbortSignal;
}

const LINK_PATH = '/link/';
const HOST = 'applink-stand-in';

interface Connection {
  ws: WebSocket;
  /** 1, 2 … in the order connections opened. */
  id: number;
  /** Told to reconnect (disconnect sent): used only while no other connection is open. */
  retiring: boolean;
}

interface Pending {
  connection: number;
  settle(answer: SocketAnswer): void;
}

export class SocketModeHub {
  /** Every envelope sent, in order (retries included). */
  readonly sent: SentEnvelope[] = [];
  /** Every ack received, in order, including late ones and those for unknown envelopes. */
  readonly acks: ReceivedAck[] = [];
  /** How many times apps.connections.open handed out a URL. */
  opened = 0;
  /** Close codes of ended connections: 1000 for a clean close by the app, 1006 for a drop. */
  readonly closeCodes: number[] = [];
  private readonly tickets = new Set<string>();
  private readonly sockets: Connection[] = [];
  private readonly pending = new Map<string, Pending>();
  private accepted = 0;
  /** The connection that carried the latest envelope: the turn passes to the next one. */
  private lastUsed = 0;
  private readonly waiters = new Set<() => void>();
  private readonly server = new WebSocketServer({ noServer: true });
  private closed = false;

  constructor(
    private readonly settings: {
      appToken: string;
      appId: string;
      /** http://127.0.0.1:<port> of the stand-in, known once it listens. */
      baseUrl: () => string;
      now: () => number;
    },
  ) {}

  get appToken(): string {
    return this.settings.appToken;
  }

  /** Open connections (a hello was sent on each). */
  get connections(): number {
    return this.sockets.length;
  }

  /** The numbers of the open connections, oldest first (as in `SentEnvelope.connection`). */
  get openConnections(): number[] {
    return this.sockets.map((c) => c.id);
  }

  /** apps.connections.open: only the app-level token opens a connection. */
  openConnection(token: string | null): MethodResult {
    if (token === null) return fail('not_authed');
    if (token !== this.settings.appToken) {
      // A bot or user token is a real token of the wrong type; anything else is unknown.
      return fail(/^xox[bpe]-/.test(token) ? 'not_allowed_token_type' : 'invalid_auth');
    }
    const ticket = randomHex(32);
    this.tickets.add(ticket);
    this.opened += 1;
    const base = this.settings.baseUrl().replace(/^http/, 'ws');
    return ok({ url: `${base}${LINK_PATH}?ticket=${ticket}&app_id=${this.settings.appId}` });
  }

  /** The HTTP server's `upgrade`: a known, unused ticket gets a WebSocket, anything else a 4xx. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (url.pathname !== LINK_PATH) {
      refuse(socket, '404 Not Found');
      return;
    }
    const ticket = url.searchParams.get('ticket') ?? '';
    // One connection per URL, as on Slack: a reused or made-up ticket is refused.
    if (this.closed || !this.tickets.delete(ticket)) {
      refuse(socket, '401 Unauthorized');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  /**
   * Sends one envelope over one open connection, each in turn, and waits for its ack. With no
   * connection it waits for one, as Slack holds envelopes for an app that is reconnecting. A
   * connection that ends before the ack answers `connection_lost` at once, so the envelope can
   * go again (retry_attempt raised) over another.
   */
  async deliver(envelope: OutgoingEnvelope, options: DeliverOptions): Promise<SocketAnswer> {
    const connection = await this.nextInTurn(options.connectMs, options.signal);
    if (!connection) return { acked: false, reason: 'no_connection' };
    this.lastUsed = connection.id;
    const frame = toFrame(envelope);
    return new Promise((resolve) => {
      const done = (answer: SocketAnswer) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', abandon);
        this.pending.delete(frame.envelope_id);
        resolve(answer);
      };
      const abandon = () => done({ acked: false, reason: 'timeout' });
      const timer = setTimeout(abandon, options.ackMs);
      options.signal?.addEventListener('abort', abandon, { once: true });
      this.pending.set(frame.envelope_id, { connection: connection.id, settle: done });
      this.sent.push({ ...frame, at: this.settings.now(), connection: connection.id });
      connection.ws.send(JSON.stringify(frame));
    });
  }

  /** Sends `disconnect` on every connection; the app is expected to open a new one. */
  disconnect(reason: DisconnectReason): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: HOST } });
    for (const connection of this.sockets) {
      // Slack sends no more envelopes on a connection it asked to go, once another is open.
      connection.retiring = true;
      connection.ws.send(message);
    }
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  drop(): void {
    for (const { ws } of [...this.sockets]) ws.terminate();
  }

  close(): void {
    this.closed = true;
    this.drop();
    for (const wake of [...this.waiters]) wake();
    this.server.close();
  }

  private accept(ws: WebSocket): void {
    this.accepted += 1;
    const connection: Connection = { ws, id: this.accepted, retiring: false };
    this.sockets.push(connection);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) this.onFrame(data);
    });
    ws.on('close', (code) => {
      this.closeCodes.push(code);
      this.forget(connection);
    });
    ws.on('error', () => this.forget(connection));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.sockets.length,
        debug_info: { host: HOST, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.settings.appId },
      }),
    );
    for (const wake of [...this.waiters]) wake();
  }

  private forget(connection: Connection): void {
    const at = this.sockets.indexOf(connection);
    if (at >= 0) this.sockets.splice(at, 1);
    // What it carried and no ack answered is lost with it: Slack sends it again elsewhere.
    for (const pending of [...this.pending.values()]) {
      if (pending.connection === connection.id) {
        pending.settle({ acked: false, reason: 'connection_lost' });
      }
    }
  }

  // Slack ignores what it cannot read; an ack names its envelope and may carry a payload.
  private onFrame(data: RawData): void {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    const { envelope_id: envelopeId, payload } = frame as Record<string, unknown>;
    if (typeof envelopeId !== 'string') return;
    const body =
      typeof payload === 'object' && payload !== null && Object.keys(payload).length > 0
        ? (payload as Record<string, unknown>)
        : null;
    this.acks.push({ envelopeId, payload: body, at: this.settings.now() });
    this.pending.get(envelopeId)?.settle({ acked: true, payload: body });
  }

  /** Round-robin over open connections, leaving out retiring ones while another is open. */
  private async nextInTurn(waitMs?: number, signal?: AbortSignal): Promise<Connection | null> {
    for (;;) {
      const open = this.sockets.filter(({ ws }) => ws.readyState === ws.OPEN);
      const current = open.filter((c) => !c.retiring);
      const choices = current.length > 0 ? current : open;
      const next = choices.find((c) => c.id > this.lastUsed) ?? choices[0];
      if (next || this.closed || signal?.aborted) return next ?? null;
      if (!(await this.nextConnection(waitMs, signal))) return null;
    }
  }

  /** Resolves true on the next accepted connection, false at `waitMs` or on abort. */
  private nextConnection(waitMs?: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (connected: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', abort);
        this.waiters.delete(wake);
        resolve(connected);
      };
      const wake = () => finish(true);
      const abort = () => finish(false);
      const timer = waitMs === undefined ? undefined : setTimeout(abort, waitMs);
      signal?.addEventListener('abort', abort, { once: true });
      this.waiters.add(wake);
    });
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
