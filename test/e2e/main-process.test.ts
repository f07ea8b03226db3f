import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_TIMEOUT, ensureBuilt } from '../helpers/dist.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../helpers/harness.ts';
import { closedPort, freshDatabase } from '../helpers/postgres.ts';
import { eventEnvelope, postSigned, slashCommandBody } from '../helpers/slack-signer.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';

// Both entries, one process each (tsx's own runner would put a parent in front that relays
// SIGTERM with a 30 ms window a busy bot can miss): `npm start` runs the compiled dist/main.js
// (after its prestart built dist/ if needed), `npm run dev` src/main.ts with tsx's loader, which is
// resolved from here because the bot runs in a temporary folder. Production runs dist/, so it goes
// through every scenario; the development entry runs the same sources, so one full path (settings,
// health, an incident to its draft, SIGTERM) proves its loader and entry point.
const START = [resolve('dist/main.js')];
const DEV = ['--import', import.meta.resolve('tsx'), resolve('src/main.ts')];
const PACKAGE = JSON.parse(readFileSync('package.json', 'utf8')) as {
  scripts: Record<string, string>;
};

interface Proc {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-main-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

let entry: string[] = [];

function launch(cwd: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, entry, {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  const proc: Proc = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((done) => child.on('exit', (code) => done(code))),
  };
  child.stdout.on('data', (d) => {
    proc.stdout += String(d);
  });
  child.stderr.on('data', (d) => {
    proc.stderr += String(d);
  });
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await proc.exited;
  });
  return proc;
}

async function waitForLine(
  proc: Proc,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = proc.stdout.match(pattern);
    if (match) return match;
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no line matching ${pattern}\nstdout: ${proc.stdout}\nstderr: ${proc.stderr}`);
}

/** The whole path a person runs: .env read, health served, an incident to its draft, SIGTERM. */
async function runsAnIncident(): Promise<void> {
  const slack: SlackStandIn = await startSlackStandIn({ token: BOT_TOKEN });
  cleanups.push(() => slack.close());
  const cwd = tempDir();
  writeFileSync(
    join(cwd, '.env'),
    [
      `SLACK_BOT_TOKEN=${BOT_TOKEN}`,
      `SLACK_SIGNING_SECRET=${SIGNING_SECRET}`,
      'PORT=0',
      `SLACK_API_URL=${slack.apiUrl}`,
      'DATABASE_PATH=./state/scribe.db',
      'LOG_LEVEL=debug',
    ].join('\n'),
  );
  const proc = launch(cwd, {});
  const [, port] = await waitForLine(proc, /listening on :(\d+)/);
  const base = `http://127.0.0.1:${port}`;

  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);

  const command = (text: string) =>
    postSigned(
      `${base}/slack/events`,
      slashCommandBody({
        command: '/incident',
        text,
        userId: 'UA',
        channelId: 'CMAIN1',
        responseUrl: slack.responseUrl(),
      }),
      { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
    );
  expect((await command('start Login failures sev1')).status).toBe(200);
  await slack.waitForCall('chat.postMessage', 1, 10_000);
  const alert = eventEnvelope({
    type: 'message',
    subtype: 'bot_message',
    channel: 'CMAIN1',
    bot_id: 'BALERT',
    username: 'Alertmanager',
    ts: `${Math.floor(Date.now() / 1000)}.000100`,
    attachments: [{ color: 'danger', title: '[FIRING:1] LoginErrors' }],
  });
  expect(
    (
      await postSigned(`${base}/slack/events`, alert, {
        secret: SIGNING_SECRET,
        contentType: 'application/json',
      })
    ).status,
  ).toBe(200);
  await command('mitigated');
  await slack.waitForCall('chat.postMessage', 2, 10_000);
  await command('resolve');
  const draft = await slack.waitForCall('chat.postMessage', 4, 10_000);
  expect(JSON.stringify(draft.args.blocks)).toContain('TTM');

  proc.child.kill('SIGTERM');
  expect(await proc.exited).toBe(0);
  const output = proc.stdout + proc.stderr;
  expect(output).toContain('shutting down');
  expect(output).not.toContain(BOT_TOKEN);
  expect(output).not.toContain(SIGNING_SECRET);
}

it('npm start builds dist/ when it is stale, then runs dist/main.js; npm run dev runs the sources', () => {
  expect(PACKAGE.scripts.prestart).toBe('node bin/build-dist.mjs --if-stale');
  expect(PACKAGE.scripts.start).toBe('node dist/main.js');
  expect(PACKAGE.scripts.dev).toBe('node --import tsx src/main.ts');
});

describe('npm start (the compiled bot as a real process)', () => {
  beforeAll(() => {
    ensureBuilt();
    entry = START;
  }, BUILD_TIMEOUT);

  it('exits non-zero before listening, naming every missing or invalid setting in one message', async () => {
    const proc = launch(tempDir(), { PORT: 'x', SCRIBE_TIMEZONE: 'Nowhere/Land' });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr.match(/Invalid configuration/g)).toHaveLength(1);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'PORT', 'SCRIBE_TIMEZONE']) {
      expect(proc.stderr).toContain(name);
    }
    expect(proc.stdout).not.toContain('listening');
    expect(proc.stderr).toContain('npm run sandbox');
  }, 30_000);

  it('does not suggest the sandbox when Slack settings are present but wrong', async () => {
    const proc = launch(tempDir(), { SLACK_BOT_TOKEN: 'not-a-token', SLACK_SIGNING_SECRET: 's' });
    expect(await proc.exited).toBe(1);
    expect(proc.stderr).toContain('SLACK_BOT_TOKEN must start with xoxb-');
    expect(proc.stderr).not.toContain('npm run sandbox');
  }, 30_000);

  it('exits non-zero with a clear reason when Slack rejects the bot token', async () => {
    const slack = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    const proc = launch(tempDir(), {
      SLACK_BOT_TOKEN: 'xoxb-revoked-token-123',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_PATH: './scribe.db',
    });
    expect(await proc.exited).toBe(1);
    expect(proc.stdout).toContain('invalid_auth');
    expect(proc.stdout).not.toContain('listening');
    expect(proc.stdout + proc.stderr).not.toContain('revoked-token-123');
  }, 30_000);

  it(
    'reads .env, serves health, runs an incident to a posted draft, and stops on SIGTERM',
    runsAnIncident,
    60_000,
  );

  it('runs on PostgreSQL with DATABASE_URL: health names the engine, SIGTERM stops it', async () => {
    const slack = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const proc = launch(tempDir(), {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: database.url,
      DATABASE_POOL_SIZE: '3',
    });
    const [, port] = await waitForLine(proc, /listening on :(\d+)/);
    const base = `http://127.0.0.1:${port}`;
    const where = new URL(database.url);
    const started = proc.stdout.split('\n').find((line) => line.includes('listening on'));
    expect(JSON.parse(started ?? '{}')).toMatchObject({
      engine: 'postgres',
      database: `postgres://${where.username}@${where.host}${where.pathname}`,
    });

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: 'ok', engine: 'postgres' });
    const start = await postSigned(
      `${base}/slack/events`,
      slashCommandBody({
        command: '/incident',
        text: 'start Login failures sev1',
        userId: 'UA',
        channelId: 'CMAIN2',
        responseUrl: slack.responseUrl(),
      }),
      { secret: SIGNING_SECRET, contentType: 'application/x-www-form-urlencoded' },
    );
    expect(start.status).toBe(200);
    await slack.waitForCall('chat.postMessage', 1, 10_000);
    expect(await fetch(`${base}/healthz`).then((r) => r.json())).toMatchObject({
      openIncidents: 1,
    });

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(proc.stdout + proc.stderr).toContain('shutting down');
    if (where.password) expect(proc.stdout + proc.stderr).not.toContain(where.password);
  }, 60_000);

  it('exits 1 naming the PostgreSQL server that does not answer, never its password', async () => {
    const slack = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    const port = await closedPort();
    const proc = launch(tempDir(), {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      DATABASE_URL: `postgres://scribe:pa55-w0rd-secret@127.0.0.1:${port}/scribe`,
    });
    expect(await proc.exited).toBe(1);
    const output = proc.stdout + proc.stderr;
    expect(output).toContain(
      `Could not open PostgreSQL at postgres://scribe@127.0.0.1:${port}/scribe`,
    );
    expect(output).not.toContain('pa55-w0rd-secret');
    expect(output).not.toContain('listening');
  }, 60_000);
});

describe('npm run dev (the sources through tsx, as a real process)', () => {
  beforeAll(() => {
    entry = DEV;
  });

  it(
    'reads .env, serves health, runs an incident to a posted draft, and stops on SIGTERM',
    runsAnIncident,
    60_000,
  );
});
