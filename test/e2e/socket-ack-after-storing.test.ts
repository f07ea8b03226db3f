import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';

// ADR 0008 in Socket Mode: an event is acked only once it is stored. One the database refused
// gets no ack, so Slack sends the envelope again (retry_attempt, retry_reason); it is stored
// once when the database takes it.

const CHANNEL = 'CSOCKACK1';
const T0 = Date.UTC(2026, 10, 21, 14, 0, 0);

let h: Harness;

afterEach(async () => {
  await h.close();
});

it('leaves an event it could not store unacked; the redelivery is stored once', async () => {
  // Locks are waited out for 100 ms, so the refused write fails well inside the ack deadline.
  h = await startHarness({ start: T0, mode: 'socket', people: true, busyTimeoutMs: 100 });
  h.slack.addUser({ id: 'UANN', name: 'ann' });
  h.slack.addChannel({ id: CHANNEL, name: 'inc-db', members: ['UANN'] });
  await h.slack.people.command({ channel: CHANNEL, user: 'UANN', text: '/incident start DB sev2' });
  await h.slack.waitFor(() => h.count('incidents') === 1, 10_000);
  await h.slack.waitForCall('chat.postMessage', 1, 10_000);

  const other = new Database(h.dbPath);
  other.exec('BEGIN EXCLUSIVE');
  const said = h.slack.people.post({ channel: CHANNEL, user: 'UANN', text: 'during the lock' });
  const envelopesOf = () =>
    h.slack.socket.sent.filter(
      (e) => e.type === 'events_api' && (e.payload.event as { ts?: string }).ts === said.ts,
    );
  await h.slack.waitFor(
    () => h.logLines.join('').includes('could not store a Slack event'),
    10_000,
  );
  other.exec('ROLLBACK');
  other.close();

  await h.slack.waitFor(
    () => h.rows('select 1 from messages where ts = ?', said.ts).length === 1,
    20_000,
  );
  // The ack follows the write: wait for it rather than race it.
  const acked = () => new Set(h.slack.socket.acks.map((a) => a.envelopeId));
  await h.slack.waitFor(() => envelopesOf().some((e) => acked().has(e.envelope_id)), 10_000);
  const [first, ...retries] = envelopesOf();
  expect(first?.retry_attempt).toBe(0);
  expect(acked().has(String(first?.envelope_id))).toBe(false);
  expect(retries[0]).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
  expect(new Set(envelopesOf().map((e) => e.payload.event_id)).size).toBe(1);
  expect(h.rows('select count(*) as n from messages where ts = ?', said.ts)).toEqual([{ n: 1 }]);
}, 30_000);
