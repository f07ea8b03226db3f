import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run sandbox` (tsx src/sandbox/main.ts) as a person runs it: the notice, the URL, the API, and a clean stop.

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-sandbox-main-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function launch(command: string, args: string[], env: Record<string, string>): Proc {
  const { PORT: _port, DATABASE_PATH: _db, ...inherited } = process.env;
  const child = spawn(command, args, { cwd: resolve('.'), env: { ...inherited, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const proc: Proc = {
    child,
    output: () => `${stdout}\n--- stderr ---\n${stderr}`,
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await proc.exited;
  });
  return proc;
}

async function waitFor(proc: Proc, pattern: RegExp): Promise<RegExpMatchArray> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const match = proc.output().match(pattern);
    if (match) return match;
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no output matching ${pattern}\n${proc.output()}`);
}

const TSX_LOADER = import.meta.resolve('tsx');
/** What `npm run sandbox` runs: node with tsx's loader, one process. */
const SANDBOX = ['--import', TSX_LOADER, resolve('src/sandbox/main.ts')];
const SCRIBE = resolve('bin/scribe.mjs');

describe('npm run sandbox', () => {
  it('is node with the tsx loader on src/sandbox/main.ts, in one process', () => {
    // npm itself dies on SIGTERM without passing it on through its shell (Ctrl+C reaches the
    // whole process group, so the sandbox gets it); the tests run what the script runs.
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.sandbox).toBe('node --import tsx src/sandbox/main.ts');
  });

  it('says it is loopback-only, prints the URL and database, answers the API, and stops on SIGTERM', async () => {
    const db = join(tempDir(), 'state', 'scribe.db');
    const proc = launch(process.execPath, [...SANDBOX, '--port', '0'], { DATABASE_PATH: db });
    const [, url] = await waitFor(proc, /Open (http:\/\/127\.0\.0\.1:\d+\/sandbox)\n/);
    expect(proc.output()).toMatch(/loopback only \(127\.0\.0\.1:\d+\)/);
    expect(proc.output()).toContain(`Database: ${db}`);
    const state = await fetch(`${url}/api/state?as=U0ALICE`);
    expect(state.status).toBe(200);
    expect(await state.json()).toMatchObject({ ok: true, botUserId: 'U0SCRIBE' });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('Stopping the sandbox');
    expect(proc.output()).not.toMatch(/xoxb-sandbox-/);
  }, 60_000);

  it('runs the bot in Socket Mode with --socket, no Slack tokens needed', async () => {
    const db = join(tempDir(), 'scribe.db');
    // `npx scribe` runs in one process; tsx's runner relays SIGTERM with a 30 ms window that a
    // busy child can miss, so the stop is checked where it cannot race.
    const proc = launch(SCRIBE, ['sandbox', '--port', '0', '--socket'], { DATABASE_PATH: db });
    const [, url] = await waitFor(proc, /Open (http:\/\/127\.0\.0\.1:\d+\/sandbox)\n/);
    expect(proc.output()).toContain('Socket Mode');
    const send = await fetch(`${url}/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channel: 'C0CHECKOUT',
        as: 'U0ALICE',
        text: '/incident start Over the socket',
      }),
    });
    expect(await send.json()).toEqual({ ok: true });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.output()).toContain('Stopping the sandbox');
    expect(proc.output()).not.toMatch(/xapp-|xoxb-sandbox-/);
    const exported = launch(SCRIBE, ['export', '#checkout'], { DATABASE_PATH: db });
    expect(await exported.exited).toBe(0);
    expect(exported.output()).toContain('Over the socket');
  }, 60_000);

  it('refuses a port that is taken, saying so', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => blocker.close(() => r())));
    const address = blocker.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const proc = launch(process.execPath, [...SANDBOX, '--port', String(port)], {
      DATABASE_PATH: join(tempDir(), 'scribe.db'),
    });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toContain(`port ${port} on 127.0.0.1 is already in use`);
  }, 30_000);

  it('prints its usage for --help and refuses a bad --port', async () => {
    const help = launch(process.execPath, [...SANDBOX, '--help'], {});
    const bad = launch(process.execPath, [...SANDBOX, '--port', 'many'], {});
    const badSocket = launch(process.execPath, [...SANDBOX, '--socket=yes'], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toContain('Usage: scribe sandbox [--port N]');
    expect(help.output()).toContain('--socket');
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('--port must be a whole number');
    expect(await badSocket.exited).toBe(2);
    expect(badSocket.output()).toContain("'--socket' does not take an argument");
  }, 30_000);

  it('runs the same way as `npx scribe sandbox`, and scribe --help lists it', async () => {
    const db = join(tempDir(), 'scribe.db');
    const proc = launch(SCRIBE, ['sandbox', '--port', '0'], { DATABASE_PATH: db });
    const [, url] = await waitFor(proc, /Open (http:\/\/127\.0\.0\.1:\d+\/sandbox)\n/);
    const page = await fetch(url ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    // An incident run in the sandbox lands in DATABASE_PATH, where `scribe export` finds it.
    const send = (text: string) =>
      fetch(`${url}/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'C0CHECKOUT', as: 'U0ALICE', text }),
      });
    expect((await send('/incident start Sandbox export check sev2')).status).toBe(200);
    expect((await send('/incident resolve')).status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    const exported = launch(SCRIBE, ['export', '#checkout'], { DATABASE_PATH: db });
    expect(await exported.exited).toBe(0);
    expect(exported.output()).toContain('# Post-mortem (draft): Sandbox export check');
    const help = launch(SCRIBE, ['--help'], {});
    expect(await help.exited).toBe(0);
    expect(help.output()).toMatch(/^ {2}sandbox +Run the bot against a built-in local Slack/m);
  }, 60_000);
});
