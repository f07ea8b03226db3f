import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SocketModeHub } from '../socket/hub.ts';
import { AppLink } from './app-link.ts';
import { FailureQueue } from './failures.ts';
import { zoneFacts } from './methods-users.ts';
import { OpenIdProvider } from './openid-provider.ts';
import { peopleActions } from './people-actions.ts';
import type { ResponseContext } from './response-urls.ts';
import { handleRequest, type StandInRuntime, sendJson } from './routes.ts';
import type {
  RecordedCall,
  RecordedResponse,
  SlackStandIn,
  StandInMessage,
  StandInOptions,
} from './types.ts';
import { Workspace } from './workspace.ts';

const POLL_INTERVAL_MS = 10;
// Waits end when their condition holds; this only stops a test that would wait forever. Short
// limits failed tests on a busy machine, where a round-trip that takes 50 ms can take seconds.
const DEFAULT_WAIT_MS = 30_000;
const DEFAULT_APP_TOKEN = 'xapp-1-A0001-test';

/** Starts a Slack Web API look-alike on 127.0.0.1; close() it when done. */
export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const now = options.now ?? Date.now;
  const workspace = new Workspace(
    {
      token: options.token ?? 'xoxb-test-token',
      botUserId: options.botUserId ?? 'UBOT',
      botId: options.botId ?? 'BBOT',
      botName: options.botName ?? 'incident-scribe',
      appId: options.appId ?? 'A0001',
      teamId: options.teamId ?? 'T0001',
      teamName: options.teamName ?? 'Stand-in Workspace',
      teamDomain: options.teamDomain ?? 'stand-in',
    },
    now,
  );
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const socket = new SocketModeHub({
    appToken: options.appToken ?? DEFAULT_APP_TOKEN,
    appId: workspace.identity.appId,
    baseUrl: () => rt.baseUrl,
    now,
  });
  const rt: StandInRuntime = {
    workspace,
    calls,
    responses,
    failures: new FailureQueue(),
    baseUrl: '',
    responseContexts: new Map(),
    mounts: [],
    socket,
    openid: new OpenIdProvider(workspace),
    callHooks: new Map(),
  };
  const { openid } = rt;
  for (const client of options.oidcClients ?? []) openid.registerClient(client);
  openid.actingUser = options.actingUser ?? null;
  openid.otherTeamUser = options.otherTeamUser ?? null;
  let link: AppLink | null = null;

  const server = createServer((req, res) => {
    handleRequest(rt, req, res).catch((error: unknown) => {
      // Surfaces in the client's error (WebAPIHTTPError body) instead of a hung request.
      const detail = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, stream, head) => socket.handleUpgrade(req, stream, head));
  const port = await listen(server, options.port ?? 0);
  rt.baseUrl = `http://127.0.0.1:${port}`;
  let responseCounter = 0;
  let closing: Promise<void> | undefined;
  const responseUrl = (context?: ResponseContext) => {
    responseCounter += 1;
    // Unguessable, as Slack's are: a page on another site could otherwise post into channels.
    const path = `/response/${responseCounter}-${randomBytes(8).toString('hex')}`;
    if (context) rt.responseContexts.set(path, { context, uses: 0 });
    return `${rt.baseUrl}${path}`;
  };
  const people = peopleActions({
    workspace,
    get link() {
      return link;
    },
    responseUrl,
  });

  const waitFor = async (
    predicate: () => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
    describe: () => string = () => 'condition',
  ): Promise<void> => {
    // Real time on purpose: `now` may be a frozen test clock.
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() >= deadline) {
        throw new Error(`Slack stand-in: ${describe()} not met within ${timeoutMs}ms`);
      }
      await sleep(POLL_INTERVAL_MS);
    }
  };
  const callsTo = (method: string) => calls.filter((c) => c.method === method);

  return {
    apiUrl: `${rt.baseUrl}/api/`,
    baseUrl: rt.baseUrl,
    calls,
    responses,
    uploads: workspace.uploads,
    workspace,
    people,
    get app() {
      return link;
    },
    socket,
    get actingUser() {
      return openid.actingUser;
    },
    set actingUser(userId) {
      openid.actingUser = userId;
    },
    get otherTeamUser() {
      return openid.otherTeamUser;
    },
    set otherTeamUser(user) {
      openid.otherTeamUser = user;
    },
    registerOidcClient(client) {
      openid.registerClient(client);
    },
    callsTo,
    responseUrl,
    connectApp(app) {
      link?.close();
      link = new AppLink(workspace, app, socket);
      return link;
    },
    mount(prefix, handler) {
      rt.mounts.push({ prefix: prefix.replace(/\/+$/, ''), handler });
    },
    addUser(user) {
      // Fails here, with the user in the message, rather than later inside users.info.
      zoneFacts(user.tz ?? 'UTC', now());
      workspace.users.set(user.id, { ...user });
    },
    addChannel(channel) {
      workspace.putChannel(channel);
    },
    addHistory(message: StandInMessage) {
      workspace.putMessage({ ...message });
    },
    history(channel) {
      return workspace.messagesIn(channel).map((m) => ({ ...m }));
    },
    onCall(method, hook) {
      rt.callHooks.set(method, [...(rt.callHooks.get(method) ?? []), hook]);
    },
    failNext(method, failure, times = 1) {
      rt.failures.add(method, failure, times);
    },
    waitFor(predicate, timeoutMs) {
      return waitFor(predicate, timeoutMs);
    },
    async waitForCall(method, count = 1, timeoutMs = DEFAULT_WAIT_MS) {
      if (!Number.isInteger(count) || count < 1) {
        throw new RangeError(`waitForCall: count must be a positive integer, got ${count}`);
      }
      await waitFor(
        () => callsTo(method).length >= count,
        timeoutMs,
        () => {
          const seen = calls.map((c) => c.method).join(', ') || 'none';
          return `${count} call(s) to ${method} (got ${callsTo(method).length}; calls so far: ${seen})`;
        },
      );
      const call = callsTo(method)[count - 1];
      if (!call) throw new Error(`Slack stand-in: call #${count} to ${method} vanished`);
      return call;
    },
    reset() {
      calls.length = 0;
      responses.length = 0;
      rt.failures.clear();
    },
    close() {
      link?.close();
      // Upgraded sockets are not the HTTP server's to close: without this close() would wait.
      socket.close();
      closing ??= close(server);
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Clients keep connections alive; without this close() would wait for them to time out.
    server.closeAllConnections();
  });
}
