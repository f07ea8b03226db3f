import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/dist.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

// A compiled start loads only what its configuration uses (docs/performance.md, "Start-up"):
// Bolt's parts through src/bolt.ts, not its index, which loads every receiver Bolt ships and their
// packages; the team site, metrics and Socket Mode only when configured. One value import from
// '@slack/bolt', or a static import of the site, would bring them back without failing anything
// else; this starts the real dist/main.js and asks the process what it loaded.

// Preloaded into the bot: on SIGUSR2 it writes every CommonJS module in require's cache and
// every ES module the loader hook saw, one path per line.
const PRELOAD = `
const { register, createRequire } = require('node:module');
const { writeFileSync, readFileSync } = require('node:fs');
const { pathToFileURL } = require('node:url');
const out = process.env.LEAN_START_OUT;
register(pathToFileURL(process.env.LEAN_START_HOOKS));
process.on('SIGUSR2', () => {
  const esm = readFileSync(out + '.esm', 'utf8');
  writeFileSync(out, Object.keys(require.cache).join('\\n') + '\\n' + esm);
});
`;
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LEAN_START_OUT + '.esm', url + '\\n');
  return next(url, context);
}
`;

interface Started {
  child: ChildProcess;
  stdout: string;
  exited: Promise<number | null>;
}

let dir: string;
let slack: SlackStandIn;
const children: Started[] = [];

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'scribe-lean-'));
  writeFileSync(join(dir, 'preload.cjs'), PRELOAD);
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  slack = await startSlackStandIn({ token: BOT_TOKEN });
}, BUILD_TIMEOUT);

afterAll(async () => {
  for (const started of children) {
    if (started.child.exitCode === null) started.child.kill('SIGKILL');
    await started.exited;
  }
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts dist/main.js with these settings; resolves with what it had loaded once listening. */
async function loadedBy(name: string, settings: Record<string, string>): Promise<string[]> {
  const out = join(dir, `${name}.loaded`);
  writeFileSync(`${out}.esm`, '');
  const child = spawn(
    process.execPath,
    ['--require', join(dir, 'preload.cjs'), resolve('dist/main.js')],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        LEAN_START_OUT: out,
        LEAN_START_HOOKS: join(dir, 'hooks.mjs'),
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_PATH: join(dir, `${name}.db`),
        PORT: '0',
        ...settings,
      },
    },
  );
  const started: Started = {
    child,
    stdout: '',
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
  children.push(started);
  child.stdout?.on('data', (d) => {
    started.stdout += String(d);
  });
  const [, port] = await waitFor(started, /(?:listening on :|GET \/healthz on :)(\d+)/);
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  child.kill('SIGUSR2');
  const loaded = await waitForFile(out, started);
  child.kill('SIGTERM');
  expect(await started.exited).toBe(0);
  return loaded;
}

async function waitFor(started: Started, pattern: RegExp): Promise<RegExpMatchArray> {
  // A safety net only: a start takes a second, many on a busy machine.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const match = started.stdout.match(pattern);
    if (match) return match;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the bot did not start:\n${started.stdout}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function waitForFile(path: string, started: Started): Promise<string[]> {
  // A safety net only, as in waitFor: the list is written as soon as the signal is handled.
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      if (started.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the bot wrote no list of what it loaded:\n${started.stdout}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

const has = (loaded: string[], part: string) => loaded.some((path) => path.includes(part));

describe('a compiled HTTP-mode start with nothing optional configured', () => {
  let loaded: string[];
  beforeAll(async () => {
    loaded = await loadedBy('plain', {});
  }, BUILD_TIMEOUT);

  it('loads Bolt, its App and HTTP receiver, and our entry (the list is real)', () => {
    expect(has(loaded, '/@slack/bolt/dist/App.js')).toBe(true);
    expect(has(loaded, '/@slack/bolt/dist/receivers/HTTPReceiver.js')).toBe(true);
    expect(has(loaded, '/dist/main.js')).toBe(true);
  });

  it("loads none of the receivers and clients it does not use: no Bolt index, Express, Socket Mode, OAuth installer, Lambda's receiver", () => {
    expect(loaded.filter((path) => /@slack\/bolt\/dist\/index\.js$/.test(path))).toEqual([]);
    for (const part of [
      '/node_modules/express/',
      // Bolt requires both at load: src/bolt.ts leaves a placeholder at each index in require's
      // cache, which loads the package only when used, so their other files must be absent.
      '/node_modules/@slack/socket-mode/dist/src/SocketModeClient',
      '/node_modules/@slack/oauth/dist/install-provider.js',
      '/node_modules/undici/',
      'AwsLambdaReceiver',
      'ExpressReceiver',
    ]) {
      expect(loaded.filter((path) => path.includes(part))).toEqual([]);
    }
  });

  it('loads neither the team site (only its switch, web/mount.js), nor metrics, nor PostgreSQL', () => {
    const site = loaded.filter(
      (path) => path.includes('/dist/web/') && !path.endsWith('/mount.js'),
    );
    expect(site).toEqual([]);
    for (const part of ['/node_modules/prom-client/', '/node_modules/pg/']) {
      expect(loaded.filter((path) => path.includes(part))).toEqual([]);
    }
  });
});

it(
  'loads the site when it is switched on, and metrics with METRICS_PORT',
  async () => {
    const loaded = await loadedBy('full', { PUBLIC_REPORTS: 'true', METRICS_PORT: '0' });
    expect(has(loaded, '/dist/web/')).toBe(true);
    expect(has(loaded, '/node_modules/prom-client/')).toBe(true);
    expect(has(loaded, '/node_modules/express/')).toBe(false);
    expect(loaded.filter((path) => /@slack\/bolt\/dist\/index\.js$/.test(path))).toEqual([]);
  },
  BUILD_TIMEOUT,
);

it(
  'loads Socket Mode and its client only in Socket Mode',
  async () => {
    const loaded = await loadedBy('socket', {
      SLACK_APP_TOKEN: slack.socket.appToken,
      SLACK_SIGNING_SECRET: '',
    });
    expect(has(loaded, '/node_modules/@slack/socket-mode/dist/src/SocketModeClient.js')).toBe(true);
    expect(has(loaded, '/node_modules/express/')).toBe(false);
    expect(loaded.filter((path) => /@slack\/bolt\/dist\/index\.js$/.test(path))).toEqual([]);
  },
  BUILD_TIMEOUT,
);
