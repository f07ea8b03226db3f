import pg from 'pg';
import { afterEach, expect, inject, it } from 'vitest';
import { type Harness, startHarness, tsAt } from '../helpers/harness.ts';
import { until } from './support.ts';

// The SQLite faults (database.test.ts) on PostgreSQL: the server turns the bot's database
// read-only. A command is told why it was not saved, an event is answered with an error so Slack
// delivers it again, the bot keeps answering, and once the database takes writes again the same
// event is stored once.

const CHANNEL = 'CPGFAULT1';
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

let h: Harness | undefined;
let admin: pg.Client | undefined;

afterEach(async () => {
  await admin?.end();
  await h?.close();
  admin = undefined;
  h = undefined;
});

/**
 * Sets the database's default for new sessions, then ends the bot's older sessions (a session
 * keeps the default it started with) until the server shows none, and lets the bot's pool read
 * their ends: its next connection is a new session with the new default.
 */
async function setReadOnly(client: pg.Client, database: string, on: boolean): Promise<void> {
  await client.query(
    on
      ? `alter database "${database}" set default_transaction_read_only = on`
      : `alter database "${database}" reset default_transaction_read_only`,
  );
  const { rows } = await client.query<{ cutoff: string }>(
    'select clock_timestamp()::text as cutoff',
  );
  const cutoff = rows[0]?.cutoff;
  await until(async () => {
    const older = await client.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and application_name = 'incident-scribe'
         and backend_start < $2::timestamptz`,
      [database, cutoff],
    );
    return older.rowCount === 0;
  }, 'the bot sessions that began before the change to end');
  // The server sent each ended session its notice before it went; one more turn of the event
  // loop, after the I/O that brought the last answer, and the pool has read them all.
  await new Promise((resolve) => setImmediate(resolve));
}

function notes(text: string): number {
  return (
    h?.rows("select 1 from incident_events where kind = 'note' and text = ?", text).length ?? 0
  );
}

it('on PostgreSQL, a read-only database: clear reply, event refused for a retry, stored once after', async () => {
  const bot = await startHarness({ start: T0, engine: 'postgres' });
  h = bot;
  bot.slack.addUser({ id: 'UANN', name: 'ann', displayName: 'Ann', tz: 'UTC' });
  bot.slack.addChannel({ id: CHANNEL, name: 'inc-pg-fault' });
  const command = (text: string) =>
    bot.command({ userId: 'UANN', channelId: CHANNEL, command: '/incident', text });
  expect((await command('start Payments database read-only sev2')).status).toBe(200);
  await bot.slack.waitFor(() => bot.count('incidents') === 1);

  admin = new pg.Client({ connectionString: inject('postgresAdminUrl') });
  await admin.connect();
  const database = String(bot.rows('select current_database() as name')[0]?.name);
  await setReadOnly(admin, database, true);

  const event = {
    type: 'message',
    channel: CHANNEL,
    user: 'UANN',
    text: 'failing over to the replica',
    ts: tsAt(T0 + 60_000),
  };
  const refused = await bot.event(event, { eventId: 'EvPgFault1' });
  expect(refused.status).toBeGreaterThanOrEqual(500);

  const note = await command('note Replica promoted');
  expect(note.status).toBe(200);
  const reply = await bot.replyTo(note);
  expect(reply).toContain('I could not save that: the database is read-only');
  expect(reply).toContain('try again');
  const log = bot.logLines.join('');
  expect(log).toContain('could not store a Slack event: the database is read-only');
  expect(log).toContain('could not save: the database is read-only');
  // Still answering, and nothing of either was written.
  expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  expect(bot.rows('select 1 from messages where ts = ?', event.ts)).toEqual([]);
  expect(notes('Replica promoted')).toBe(0);

  await setReadOnly(admin, database, false);
  // Slack's redeliveries (same event id, a retry number) are stored now, once.
  const retry = (attempt: number) =>
    bot.event(event, { eventId: 'EvPgFault1', retry: { attempt, reason: 'http_error' } });
  expect((await retry(1)).status).toBe(200);
  expect((await retry(2)).status).toBe(200);
  expect(bot.rows('select count(*) as n from messages where ts = ?', event.ts)).toEqual([{ n: 1 }]);
  expect((await command('note Replica promoted')).status).toBe(200);
  await bot.slack.waitFor(() => notes('Replica promoted') === 1);
});
