import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN } from '../helpers/harness.ts';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.ts';
import {
  type BotProcess,
  botEnv,
  integrity,
  query,
  signedCommand,
  signedEvent,
  slackTs,
  spawnBot,
  tempDir,
  until,
} from './support.ts';

const CHANNEL = 'CCRASH01';
const BURST = 400;
const KILL_AFTER_OK = 100;
const CONCURRENCY = 16;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function launch(cwd: string, env: Record<string, string>): BotProcess {
  const proc = spawnBot(cwd, env);
  cleanups.push(async () => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) proc.child.kill('SIGKILL');
    await proc.exited;
  });
  return proc;
}

type Outcome = 'ok' | 'refused' | 'lost' | 'unsent';

describe('kill -9 in the middle of a burst of events, then a restart', () => {
  it('keeps every acknowledged event, backfills the rest, stores nothing twice, and the file stays sound', async () => {
    const slack: SlackStandIn = await startSlackStandIn({ token: BOT_TOKEN });
    cleanups.push(() => slack.close());
    slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
    slack.addChannel({ id: CHANNEL, name: 'inc-crash' });
    const dir = tempDir('scribe-crash-');
    cleanups.push(() => dir.remove());
    const dbPath = join(dir.path, 'scribe.db');
    const env = botEnv(slack, dbPath);

    const first = launch(dir.path, env);
    const base = await first.ready;
    expect((await signedCommand(base, slack, 'start Crash test sev2', CHANNEL)).status).toBe(200);
    await until(
      () => query(dbPath, 'select 1 from incidents').length === 1,
      'the incident to be stored',
    );
    await slack.waitForCall('chat.postMessage', 1, 10_000);
    // The declaration's look-back reads the channel once; the burst goes into the history only
    // after that read, or the look-back (not the restart's backfill) could record all of it.
    await slack.waitForCall('conversations.history', 1, 60_000);
    const declaredAt = Number(query(dbPath, 'select declared_at from incidents')[0]?.declared_at);

    // The burst, in the channel's history exactly as Slack keeps it.
    const events = Array.from({ length: BURST }, (_, i) => ({
      type: 'message',
      channel: CHANNEL,
      user: 'UANN',
      text: `burst message ${i}`,
      ts: slackTs(declaredAt + 1000 + i, i % 1000),
    }));
    for (const e of events) slack.addHistory({ ...e });

    const outcomes: Outcome[] = events.map(() => 'unsent');
    let okCount = 0;
    let killed = false;
    let next = 0;
    const worker = async () => {
      while (!killed && next < events.length) {
        const i = next++;
        const event = events[i];
        if (!event) break;
        try {
          const res = await signedEvent(base, event, `EvCrash${i}`);
          outcomes[i] = res.status >= 200 && res.status < 300 ? 'ok' : 'refused';
          if (outcomes[i] === 'ok') okCount++;
        } catch {
          outcomes[i] = 'lost';
        }
        if (!killed && okCount >= KILL_AFTER_OK) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(killed).toBe(true);
    expect((await first.exited).signal).toBe('SIGKILL');

    const acked = events.filter((_, i) => outcomes[i] === 'ok').map((e) => e.ts);
    const missed = events.filter((_, i) => outcomes[i] !== 'ok').map((e) => e.ts);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_OK);
    expect(missed.length).toBeGreaterThan(0);

    // The files exactly as the crash left them, inspected on a copy so the restart sees them
    // untouched: every event that got a 2xx was already stored when it was answered.
    const crashDir = tempDir('scribe-crash-copy-');
    cleanups.push(() => crashDir.remove());
    const copy = join(crashDir.path, 'scribe.db');
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(dbPath + suffix)) copyFileSync(dbPath + suffix, copy + suffix);
    }
    expect(integrity(copy)).toBe('ok');
    const atCrash = new Set(
      query(copy, 'select ts from messages where channel_id = ?', CHANNEL).map((r) => r.ts),
    );
    expect(acked.filter((ts) => !atCrash.has(ts))).toEqual([]);

    // Restart on the same files: start-up backfill brings back what was never acknowledged.
    const second = launch(dir.path, env);
    await second.ready;
    const burstTs = new Set(events.map((e) => e.ts));
    const stored = () =>
      query(dbPath, 'select ts from messages where channel_id = ?', CHANNEL).filter((r) =>
        burstTs.has(String(r.ts)),
      ).length;
    await until(() => stored() === BURST, 'the backfill to record the whole burst', 60_000);

    const counts = query(
      dbPath,
      'select ts, count(*) as n from messages where channel_id = ? group by ts',
      CHANNEL,
    );
    const perTs = new Map(counts.map((r) => [String(r.ts), Number(r.n)]));
    for (const e of events) expect(perTs.get(e.ts), e.ts).toBe(1);
    // Recorded by the backfill, not by some other path.
    await until(
      () => second.output().includes('backfill recorded missed messages'),
      'the backfill to report what it recorded',
      60_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- bot output ---\n${second.output()}`);
    });

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
    expect(integrity(dbPath)).toBe('ok');
  }, 180_000);
});
