import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventEnvelope, signSlackRequest, slashCommandBody } from '../src/stand-in/requests.ts';

export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_TOKEN = 'xoxb-bench-token';
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const ms = (n: number) => `${n < 10 ? n.toFixed(2) : n.toFixed(0)} ms`;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? Number.NaN;
}

export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Child processes: servers under test run in their own process, so the load generator (and the
// Slack stand-in) never share an event loop with what is measured.

export interface Child<Ready> {
  process: ChildProcess;
  ready: Ready;
  /** Sends a command over IPC and waits for the child's answer to it. */
  ask<T>(command: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

export async function startChild<Ready>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Child<Ready>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(BENCH_DIR, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const answers: Array<(message: unknown) => void> = [];
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`${script} exited early (${code})`)));
  });
  child.on('message', (message) => answers.shift()?.(message));
  return {
    process: child,
    ready,
    ask<T>(command: Record<string, unknown>) {
      return new Promise<T>((resolve) => {
        answers.push((message) => resolve(message as T));
        child.send(command);
      });
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** In a child: answers IPC commands with `handle`'s result. */
export function serveParent(handle: (command: Record<string, unknown>) => unknown): void {
  process.on('message', (command) => {
    void Promise.resolve(handle(command as Record<string, unknown>)).then((answer) =>
      process.send?.(answer ?? {}),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Signed Slack requests over keep-alive connections (as Slack's own delivery reuses them).

// Idle connections are dropped before Node's server would (5 s), so none is reused as it closes.
const agent = new Agent({ keepAlive: true, maxSockets: 64, timeout: 4000 });
// Commands get connections of their own, so they never queue behind a storm of events.
const commandAgent = new Agent({ keepAlive: true, maxSockets: 4, timeout: 4000 });

export interface Posted {
  status: number;
  body: string;
}

export function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  via: Agent = agent,
): Promise<Posted> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: via, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A Slack `event_callback` delivery, signed; `retry` marks a redelivery as Slack does. */
export function postEvent(
  url: string,
  event: Record<string, unknown>,
  eventId: string,
  retry = 0,
): Promise<Posted> {
  const body = eventEnvelope(event, { eventId });
  // A retry is signed afresh (a second later at least), as Slack signs every delivery.
  const now = Math.floor(Date.now() / 1000) + (retry > 0 ? 1 : 0);
  return post(url, body, {
    'content-type': 'application/json',
    ...signSlackRequest(body, SIGNING_SECRET, now),
    ...(retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'timeout' } : {}),
  });
}

export function postCommand(
  url: string,
  /**
   * `responseUrl`: one the stand-in answers (`slack.responseUrl()`); a reply that fails would
   * cost the bot a logged error (and a stack trace) per command, which Slack never causes.
   */
  input: { channelId: string; userId: string; text: string; responseUrl: string },
): Promise<Posted> {
  const body = slashCommandBody({ command: '/incident', ...input });
  return post(
    url,
    body,
    {
      'content-type': 'application/x-www-form-urlencoded',
      ...signSlackRequest(body, SIGNING_SECRET),
    },
    commandAgent,
  );
}

/** Runs `work(i)` for i < n with at most `limit` in flight; resolves when all are done. */
export async function pool(
  n: number,
  limit: number,
  work: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < n) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, lane));
}

export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('bench: condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A port free on loopback now, for a server started next that must be told its port. Fixed
 * ports inside the ephemeral range (32768-60999 on Linux) collide with other processes' sockets.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}
