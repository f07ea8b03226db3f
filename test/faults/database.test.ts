import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL, type FaultBot, slackTs, startFaultBot } from './support.ts';

let f: FaultBot;

afterEach(async () => {
  await f.close();
});

async function boot() {
  // Locks are waited out for 100 ms (2 s by default), so the test need not wait.
  f = await startFaultBot({ bot: { busyTimeoutMs: 100 } });
  expect((await f.command('start Database trouble sev2')).status).toBe(200);
  await f.slack.waitForCall('chat.postMessage');
  await f.slack.waitFor(() => f.rows('select 1 from incidents').length === 1);
}

function message(n: number, text = `message ${n}`) {
  const at = f.clock.now() + 1000 + n;
  return { type: 'message', channel: CHANNEL, user: 'UANN', text, ts: slackTs(at) };
}

function notes(text: string): number {
  return f.rows("select 1 from incident_events where kind = 'note' and text = ?", text).length;
}

async function healthy(): Promise<number> {
  return (await fetch(`http://127.0.0.1:${f.bot.port}/healthz`)).status;
}

/**
 * While `fault` holds: an event is answered with an error (so Slack delivers it again) and stored
 * nowhere; a command acks, then tells the person it could not save; the log says why; the process
 * keeps answering. Once `recover` ran, Slack's redelivery and a repeated command go through.
 */
async function faultAndRecovery(
  fault: { cause: RegExp; noteText: string },
  recover: () => void,
): Promise<void> {
  const event = message(1, fault.noteText);
  const refused = await f.event(event, 'EvFault1');
  expect(refused.status).toBeGreaterThanOrEqual(500);

  const note = await f.command(`note ${fault.noteText}`);
  expect(note.status).toBe(200);
  expect(note.ackText).toBeUndefined();
  const reply = await f.reply(note);
  expect(reply).toContain('I could not save that');
  expect(reply).toMatch(fault.cause);
  expect(reply).toContain('try again');
  expect(reply).not.toContain('dispatch_failed');

  const log = f.logs.join('');
  expect(log).toContain('could not store a Slack event');
  expect(log).toMatch(new RegExp(`could not save: ${fault.cause.source}`));
  expect(await healthy()).toBe(200);
  expect(f.rows('select 1 from messages where ts = ?', event.ts)).toEqual([]);
  expect(notes(fault.noteText)).toBe(0);

  recover();
  // Slack's redelivery (same event id, a retry number) is stored now, once.
  expect((await f.event(event, 'EvFault1', 1)).status).toBe(200);
  expect((await f.event(event, 'EvFault1', 2)).status).toBe(200);
  expect(f.rows('select count(*) as n from messages where ts = ?', event.ts)).toEqual([{ n: 1 }]);
  const again = await f.command(`note ${fault.noteText}`);
  expect(again.status).toBe(200);
  await f.slack.waitFor(() => notes(fault.noteText) === 1);
  // And ordinary traffic goes on.
  expect((await f.event(message(2), 'EvFault2')).status).toBe(200);
  expect(f.rows('select count(*) as n from messages')).toEqual([{ n: 2 }]);
}

describe('the database is locked by another process', () => {
  it('refuses the event so Slack retries, tells the person to try again, and recovers', async () => {
    await boot();
    const other = new Database(f.dbPath);
    try {
      other.exec('BEGIN EXCLUSIVE');
      await faultAndRecovery(
        { cause: /the database is locked/, noteText: 'Rolled back 4.2.0' },
        () => other.exec('ROLLBACK'),
      );
    } finally {
      other.close();
    }
  }, 30_000);
});

describe('the disk is full', () => {
  it('refuses the event so Slack retries, tells the person to try again, and recovers', async () => {
    await boot();
    // A long note first, so the next one cannot share its page.
    const filler = `First finding: ${'details '.repeat(350)}`.trim();
    await f.command(`note ${filler}`);
    await f.slack.waitFor(() => notes(filler) === 1);
    const sqlite = f.bot.database?.sqlite;
    if (!sqlite) throw new Error('a full disk is simulated on the SQLite connection');
    // No room to grow: the file may not have a page more than it has now (and none are free).
    expect(sqlite.pragma('freelist_count', { simple: true })).toBe(0);
    const limit = Number(sqlite.pragma('max_page_count', { simple: true }));
    sqlite.pragma('max_page_count = 1');
    // Writes that need new pages (a second long note, a long message) find no room.
    const big = `Rolled back 4.2.0; ${'details '.repeat(350)}`.trim();
    await faultAndRecovery({ cause: /the disk \(or the database\) is full/, noteText: big }, () =>
      sqlite.pragma(`max_page_count = ${limit}`),
    );
  }, 30_000);
});
