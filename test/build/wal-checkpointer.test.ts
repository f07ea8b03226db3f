import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RAISED_AUTOCHECKPOINT } from '../../src/store/wal-checkpointer.ts';
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/dist.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

// The WAL checkpointer is an inline worker that requires better-sqlite3 by the path the main
// thread resolved: this runs it from dist/, without tsx, in processes of their own.

interface Child {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

let slack: SlackStandIn;
const children: Child[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  slack = await startSlackStandIn({ token: BOT_TOKEN });
}, BUILD_TIMEOUT);

afterEach(async () => {
  for (const { child, exited } of children.splice(0)) {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await slack?.close();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-wal-dist-'));
  dirs.push(dir);
  return dir;
}

function run(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } });
  const started: Child = {
    child,
    output: '',
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
  children.push(started);
  child.stdout?.on('data', (d) => {
    started.output += String(d);
  });
  child.stderr?.on('data', (d) => {
    started.output += String(d);
  });
  return started;
}

/** Polls `condition` until it holds; the deadline only stops a hung test. */
async function until(condition: () => boolean, what: string, child: Child): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!condition()) {
    if (child.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`${what} did not happen:\n${child.output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Writes ~5 MB, waits (a timer holds the process) for the checkpoint that folds it, prints it,
// then lets the process end with the thread still running: it must not hold the process.
const FOLD_THEN_END = `
const { openDatabase } = await import(process.env.DIST_DB);
const { startWalCheckpointer } = await import(process.env.DIST_CHECKPOINTER);
const opened = openDatabase(process.env.DATABASE_PATH);
opened.sqlite.exec('create table filler (x blob)');
let folded = null;
startWalCheckpointer(opened.sqlite, {
  onCheckpoint: (r) => {
    if (r.log >= 1280 && r.checkpointed === r.log) folded = r;
  },
});
const insert = opened.sqlite.prepare('insert into filler (x) values (?)');
for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(256 * 1024, i + 1));
const wait = setInterval(() => {
  if (folded === null) return;
  clearInterval(wait);
  console.log(JSON.stringify({ folded, autocheckpoint: opened.sqlite.pragma('wal_autocheckpoint', { simple: true }) }));
}, 20);
`;

describe('the WAL checkpointer, compiled', () => {
  it('folds the WAL from dist/ without a loader, and does not hold the process up', async () => {
    const path = join(tempDir(), 'scribe.db');
    const child = run(['--input-type=module', '-e', FOLD_THEN_END], {
      DATABASE_PATH: path,
      DIST_DB: pathToFileURL(resolve('dist/store/db.js')).href,
      DIST_CHECKPOINTER: pathToFileURL(resolve('dist/store/wal-checkpointer.js')).href,
    });
    // Ends by itself once it printed: the thread still runs, unreferenced.
    expect(await child.exited).toBe(0);
    const printed = JSON.parse(child.output.trim()) as {
      folded: { log: number; checkpointed: number };
      autocheckpoint: number;
    };
    expect(printed.folded.checkpointed).toBe(printed.folded.log);
    expect(printed.autocheckpoint).toBe(RAISED_AUTOCHECKPOINT);
    expect(statSync(path).size).toBeGreaterThan(5 * 1024 * 1024);
  }, 120_000);

  it('runs in the compiled bot: its WAL is folded while it runs, and a SIGTERM ends it', async () => {
    const dir = tempDir();
    const path = join(dir, 'scribe.db');
    const bot = run([resolve('dist/main.js')], {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: path,
      PORT: '0',
    });
    await until(() => /listening on :\d+/.test(bot.output), 'the start', bot);
    // SQLite alone would leave the migrated schema in the WAL (far below its 1,000 pages), and
    // the file at the one page that switched it to WAL, until the bot stops.
    await until(() => statSync(path).size > 4096, 'a checkpoint while running', bot);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    // The thread's connection closed before the bot's final checkpoint, so the WAL is gone.
    expect(readdirSync(dir)).toEqual(['scribe.db']);
  }, 120_000);
});
