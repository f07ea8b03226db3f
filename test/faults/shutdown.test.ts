import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN } from '../helpers/harness.ts';
import { startSlackStandIn } from '../helpers/slack-stand-in.ts';
import {
  botEnv,
  CHANNEL,
  type FaultBot,
  integrity,
  query,
  signedCommand,
  spawnBot,
  startFaultBot,
  tempDir,
  until,
} from './support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('SIGTERM (the real process)', () => {
  it('finishes the request in flight, survives a second SIGTERM, checkpoints the WAL and exits 0', async () => {
    const slack = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
    slack.addChannel({ id: CHANNEL, name: 'inc-shutdown' });
    const dir = tempDir('scribe-stop-');
    cleanups.push(() => dir.remove());
    const dbPath = join(dir.path, 'scribe.db');
    const proc = spawnBot(dir.path, botEnv(slack, dbPath));
    cleanups.push(async () => {
      if (proc.child.exitCode === null && proc.child.signalCode === null) {
        proc.child.kill('SIGKILL');
      }
      await proc.exited;
    });
    const base = await proc.ready;
    expect((await signedCommand(base, slack, 'start Slow Slack sev2', CHANNEL)).status).toBe(200);
    await slack.waitForCall('chat.postMessage', 1, 10_000);

    // The resolve's first Slack post is slow: the command is acked, its work is still running.
    slack.failNext('chat.postMessage', { hangMs: 2000 });
    const resolve = await signedCommand(base, slack, 'resolve', CHANNEL);
    expect(resolve.status).toBe(200);
    await slack.waitForCall('chat.postMessage', 2, 10_000);
    proc.child.kill('SIGTERM');
    await until(() => proc.output().includes('shutting down'), 'the shutdown to begin');
    proc.child.kill('SIGTERM');

    const exit = await proc.exited;
    expect(exit, proc.output()).toEqual({ code: 0, signal: null });
    expect(proc.output()).toContain('already shutting down');
    expect(proc.output()).not.toMatch(/"level":(50|60)/);

    // The slow request completed: the draft was stored and posted before the database closed.
    expect(query(dbPath, 'select status from incidents')).toEqual([{ status: 'resolved' }]);
    expect(query(dbPath, 'select status from postmortems')).toEqual([{ status: 'posted' }]);
    const drafts = slack
      .history(CHANNEL)
      .filter((m) => JSON.stringify(m.blocks ?? []).includes('postmortem_regenerate'));
    expect(drafts).toHaveLength(1);

    // Closed cleanly: everything is in the database file itself.
    const wal = `${dbPath}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    expect(integrity(dbPath)).toBe('ok');
  }, 45_000);
});

describe('stop() (in-process)', () => {
  let f: FaultBot;

  it('waits for a job pass in flight, then no timer fires and the database is closed', async () => {
    f = await startFaultBot({
      // Every second, so a timer left running would show within the wait below.
      env: { BACKFILL_INTERVAL: '1s', REMINDER_CHECK_SECONDS: '5' },
      bot: { slackTimeoutMs: 10_000 },
    });
    cleanups.push(() => f.close());
    expect((await f.command('start Timers sev3')).status).toBe(200);
    await f.slack.waitForCall('conversations.history');
    const passes = f.slack.callsTo('conversations.history').length;
    // The next backfill pass is held by a slow Slack when the stop comes.
    f.slack.failNext('conversations.history', { hangMs: 1500 });
    await f.slack.waitForCall('conversations.history', passes + 1, 10_000);
    await f.bot.stop();

    expect(f.bot.database?.sqlite.open).toBe(false);
    expect(f.logs.join('')).not.toMatch(/job pass failed|backfill failed/);
    const callsAtStop = f.slack.calls.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(f.slack.calls.slice(callsAtStop).map((c) => c.method)).toEqual([]);
    // A second stop is the same stop.
    await f.bot.stop();
  }, 30_000);
});
