import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { type RunningSandbox, startSandbox } from '../../src/sandbox/start.ts';

// The workspace is in memory, the incidents on disk: a restarted sandbox keeps hearing the
// channels of open incidents, as Slack would keep the bot in them.

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function boot(
  databasePath: string,
  env: Record<string, string> = {},
): Promise<RunningSandbox> {
  const sandbox = await startSandbox({
    port: 0,
    databasePath,
    logger: createLogger('silent'),
    env: { BACKFILL_INTERVAL: '0', ...env },
  });
  cleanups.push(() => sandbox.stop());
  return sandbox;
}

async function send(sandbox: RunningSandbox, text: string): Promise<string | undefined> {
  const res = await fetch(`${sandbox.url}/api/send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'C0CHECKOUT', as: 'U0ALICE', text }),
  });
  return ((await res.json()) as { ts?: string }).ts;
}

function count(dbPath: string, sql: string, ...params: unknown[]): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return Number((db.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    db.close();
  }
}

describe('a restarted sandbox', () => {
  it('records the open incident’s channel again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scribe-sandbox-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'scribe.db');
    const first = await boot(dbPath);
    await send(first, '/incident start Payments down sev1');
    const deadline = Date.now() + 10_000;
    while (count(dbPath, 'select count(*) as n from incidents') === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    await first.stop();

    const second = await boot(dbPath);
    const ts = await send(second, 'Still down after the restart');
    await second.slack.app?.idle();
    const until = Date.now() + 10_000;
    while (
      count(dbPath, 'select count(*) as n from messages where ts = ?', ts) === 0 &&
      Date.now() < until
    ) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(count(dbPath, 'select count(*) as n from messages where ts = ?', ts)).toBe(1);
  }, 30_000);
  it('keeps its incidents in its own SQLite file even when DATABASE_URL is set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scribe-sandbox-url-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, 'scribe.db');
    // Nothing listens on port 9: had the sandbox used this URL, it would not have started.
    const sandbox = await boot(dbPath, {
      DATABASE_URL: 'postgres://team:secret@127.0.0.1:9/incidents',
      DATABASE_URL_FILE: join(dir, 'no-such-file'),
    });
    expect(sandbox.bot.engine).toBe('sqlite');
    await send(sandbox, '/incident start Sandbox only sev3');
    await sandbox.slack.waitFor(() => count(dbPath, 'select count(*) as n from incidents') === 1);
  });
});
