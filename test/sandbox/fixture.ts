import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.ts';

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> & { ok: boolean; error?: string };
}

export interface SandboxFixture {
  readonly sandbox: RunningSandbox;
  readonly dbPath: string;
  get(path: string): Promise<ApiAnswer>;
  post(path: string, body: unknown): Promise<ApiAnswer>;
  /** The messages `as` sees in `channel`, through the page's API. */
  messages(channel: string, as: string): Promise<ApiMessage[]>;
  /** Polls `read` until it returns something other than undefined. */
  until<T>(read: () => T | undefined | Promise<T | undefined>, what: string): Promise<T>;
  rows(sql: string, ...params: unknown[]): Record<string, unknown>[];
}

export interface ApiMessage {
  ts: string;
  threadTs?: string;
  user?: string;
  username?: string;
  isBot: boolean;
  text: string;
  blocks?: Array<Record<string, unknown>>;
  files?: Array<{ id: string; name: string; title: string }>;
  reactions?: Array<{ name: string; users: string[] }>;
  edited?: boolean;
  ephemeral?: boolean;
}

/** One sandbox (real bot, stand-in, temp database) for the tests of the calling file. */
export function useSandbox(
  env: Record<string, string> = {},
  options: { socket?: boolean } = {},
): SandboxFixture {
  let running: RunningSandbox | undefined;
  let dir = '';
  const base = () => `http://127.0.0.1:${fx.sandbox.port}/sandbox/`;
  const answer = async (res: Response): Promise<ApiAnswer> => ({
    status: res.status,
    body: (await res.json()) as ApiAnswer['body'],
  });
  const fx: SandboxFixture = {
    get sandbox() {
      if (!running) throw new Error('the sandbox only runs inside the tests');
      return running;
    },
    get dbPath() {
      return join(dir, 'scribe.db');
    },
    async get(path) {
      return answer(await fetch(new URL(path, base())));
    },
    async post(path, body) {
      const res = await fetch(new URL(path, base()), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return answer(res);
    },
    async messages(channel, as) {
      const res = await fx.get(`api/messages?channel=${channel}&as=${as}`);
      if (res.status !== 200) throw new Error(`messages: ${JSON.stringify(res.body)}`);
      return res.body.messages as ApiMessage[];
    },
    async until(read, what) {
      // Only stops a wait that would never end; a busy machine is slow, not wrong.
      const deadline = Date.now() + 30_000;
      for (;;) {
        const value = await read();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    rows(sql, ...params) {
      const db = new Database(fx.dbPath, { readonly: true });
      try {
        return db.prepare(sql).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-sandbox-'));
    running = await startSandbox({
      port: 0,
      databasePath: join(dir, 'scribe.db'),
      logger: createLogger('silent'),
      env: { LOOKBACK_MINUTES: '60', BACKFILL_INTERVAL: '0', ...env },
      ...(options.socket ? { socket: true } : {}),
    });
  }, 20_000);
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return fx;
}
