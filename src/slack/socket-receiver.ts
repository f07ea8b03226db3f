import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App, CustomRoute, Receiver, webApi } from '@slack/bolt';
import { buildReceiverRoutes, SocketModeReceiver } from '../bolt-socket.ts';
import type { boltLoggerFor } from '../logger.ts';
import { slackErrorCode } from './errors.ts';

export interface SocketReceiverOptions {
  /** The app-level token (xapp-…) that apps.connections.open takes. */
  appToken: string;
  /** Served on our own HTTP server: /healthz, /hooks/* … */
  customRoutes: CustomRoute[];
  port: number;
  /** Interface for that server; default all. */
  host?: string;
  /** The Web API settings of the bot's client: slackApiUrl, timeout, retries. */
  clientOptions: webApi.WebClientOptions;
  logger: ReturnType<typeof boltLoggerFor>;
}

/**
 * Socket Mode: Bolt's receiver for the socket, our own server for the extra routes (ADR 0009).
 * Bolt's route server listens without waiting and on every interface, so PORT=0 could not be
 * reported and the sandbox could not stay on loopback; its stop() does not wait for the socket.
 */
export class SocketReceiver implements Receiver {
  private readonly socket: SocketModeReceiver;
  private readonly server: Server;
  private listening = false;
  /** The port the route server listens on, known once start() has resolved. */
  port = 0;

  constructor(private readonly options: SocketReceiverOptions) {
    this.socket = new SocketModeReceiver({
      appToken: options.appToken,
      logger: options.logger,
      // A copy: the Socket Mode client writes its own retry settings into the object it gets.
      installerOptions: { clientOptions: { ...options.clientOptions } },
      // No customRoutes: without them Bolt starts no server of its own.
    });
    const routes = buildReceiverRoutes(options.customRoutes);
    // Paths match as Bolt's HTTP receiver matches them: fixed segments, and `:name` for one.
    this.server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      for (const [pattern, handlers] of Object.entries(routes)) {
        const params = matchPath(pattern, path);
        const handler = handlers[method];
        if (params && handler) return handler(Object.assign(req, { params }), res);
      }
      res.writeHead(404).end();
    });
  }

  init(app: App): void {
    this.socket.init(app);
  }

  /** Listens, then opens the socket; resolves once Slack said hello. */
  async start(): Promise<unknown> {
    this.port = await listen(this.server, this.options.port, this.options.host);
    this.listening = true;
    try {
      return await this.socket.start();
    } catch (error) {
      await this.stop();
      // Said like the bot token's refusal; the token itself never reaches the message.
      throw new Error(
        `Slack did not accept SLACK_APP_TOKEN (apps.connections.open: ${slackErrorCode(error)})`,
        { cause: error },
      );
    }
  }

  /** Closes the socket (a clean close frame, no reconnect) and the route server. */
  async stop(): Promise<void> {
    const closing = this.listening ? close(this.server) : Promise.resolve();
    this.listening = false;
    await Promise.all([this.socket.client.disconnect(), closing]);
  }
}

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Health checks keep connections alive; closing waits for requests still being answered.
    server.closeIdleConnections();
  });
}

/** The `:name` segments of `path` when it matches `pattern` segment for segment, else null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i] ?? '';
    if (part.startsWith(':') && value !== '') {
      try {
        params[part.slice(1)] = decodeURIComponent(value);
      } catch {
        return null;
      }
    } else if (part !== value) return null;
  }
  return params;
}
