import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { groupCommit } from '../../src/store/record-batch.ts';
import type { Store } from '../../src/usecases/ports.ts';
import type { StorableChange } from '../../src/usecases/store-records.ts';
import { aMessage, at } from '../domain/builders.ts';
import { storedIncident } from '../helpers/store.ts';

// Live message events recorded at the same time share one transaction (group commit): each
// caller still gets its own outcome, and only once its change is committed.

let dir: string;
let path: string;
let opened: OpenedDb;
let store: Store;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-record-batch-'));
  path = join(dir, 'scribe.db');
  opened = openDatabase(path, { busyTimeoutMs: 50 });
  store = createStore(opened.db);
});

afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) =>
  (opened.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

const posted = (ts: string, text = 'hello'): StorableChange => ({
  kind: 'posted',
  message: aMessage({ channelId: 'C0INC', ts, text }),
  raw: { ts, text },
});

describe('events recorded together', () => {
  it('gives each its own outcome: new, redelivered, posted then edited, no incident', async () => {
    await storedIncident(store);
    const record = (eventId: string, change: StorableChange, channelId = 'C0INC') =>
      store.messages.recordEvent({ channelId, eventId, change, now: at(14, 10) });
    const edited: StorableChange = {
      kind: 'edited',
      message: aMessage({
        channelId: 'C0INC',
        ts: '1.000003',
        text: 'fixed',
        editedAt: at(14, 11),
      }),
      raw: { ts: '1.000003', text: 'fixed' },
      at: at(14, 11),
    };
    const results = await Promise.all([
      record('Ev1', posted('1.000001')),
      record('Ev2', posted('1.000002')),
      record('Ev1', posted('1.000001')),
      record('Ev3', posted('1.000003', 'typo')),
      record('Ev4', edited),
      record('Ev5', posted('1.000005'), 'C0ELSEWHERE'),
    ]);
    expect(results).toEqual([
      'recorded',
      'recorded',
      'duplicate',
      'recorded',
      'edited',
      'no-incident',
    ]);
    expect(count('messages')).toBe(3);
    expect(count('processed_events')).toBe(4);
    const text = opened.sqlite.prepare("select text from messages where ts = '1.000003'").get();
    expect(text).toEqual({ text: 'fixed' });
  });

  it('rejects only the event that failed; its partial write is rolled back, the others stored', async () => {
    opened.sqlite.exec('create table t (k text primary key)');
    const insert = opened.sqlite.prepare('insert into t values (?)');
    const write = groupCommit(opened.db, (k: string) => {
      insert.run(k);
      if (k === 'bad') throw new Error('refused after writing');
      return k;
    });
    const settled = await Promise.allSettled([write('a'), write('bad'), write('b')]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: new Error('refused after writing') });
    expect(opened.sqlite.prepare('select k from t order by k').pluck().all()).toEqual(['a', 'b']);
    // The next event starts a batch of its own.
    expect(await write('c')).toBe('c');
    expect(count('t')).toBe(3);
  });

  it('rejects every event of the batch when the write lock is never granted, storing none', async () => {
    await storedIncident(store);
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const settled = await Promise.allSettled([
        store.messages.recordEvent({
          channelId: 'C0INC',
          eventId: 'Ev1',
          change: posted('1.000001'),
          now: 1,
        }),
        store.messages.recordEvent({
          channelId: 'C0INC',
          eventId: 'Ev2',
          change: posted('1.000002'),
          now: 1,
        }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
      expect(settled[0]).toMatchObject({ reason: { code: 'SQLITE_BUSY' } });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(count('messages')).toBe(0);
    expect(count('processed_events')).toBe(0);
    // Slack's redeliveries are then stored.
    const again = await store.messages.recordEvent({
      channelId: 'C0INC',
      eventId: 'Ev1',
      change: posted('1.000001'),
      now: 2,
    });
    expect(again).toBe('recorded');
  });

  it('on a full disk, tells no caller its event is stored unless it is', async () => {
    await storedIncident(store);
    const long = 'details '.repeat(600);
    const limit = Number(opened.sqlite.pragma('max_page_count', { simple: true }));
    opened.sqlite.pragma('max_page_count = 1');
    const sent = ['1.000001', '1.000002', '1.000003'];
    const settled = await Promise.allSettled(
      sent.map((ts, i) =>
        store.messages.recordEvent({
          channelId: 'C0INC',
          eventId: `Ev${i}`,
          change: posted(ts, long),
          now: 1,
        }),
      ),
    );
    opened.sqlite.pragma(`max_page_count = ${limit}`);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(settled[0]).toMatchObject({ reason: { code: 'SQLITE_FULL' } });
    expect(count('messages')).toBe(0);
    expect(count('processed_events')).toBe(0);
  });
});
