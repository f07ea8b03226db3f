import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createRepositories, type Repositories } from '../../src/store/repositories.ts';
import { toIncident } from '../../src/store/rows-incidents.ts';
import { incidents } from '../../src/store/schema.ts';
import { immediate } from '../../src/store/transact.ts';
import { aMessage, anIncident, aSignal, at } from '../domain/builders.ts';

// The SQLite engine's own statements under the Store port (prepared once, cached).
let opened: OpenedDb;
let store: Repositories;

beforeEach(() => {
  opened = openDatabase(':memory:');
  store = createRepositories(opened.db);
});

afterEach(() => opened.close());

describe('incidents.findOpenInChannel (prepared)', () => {
  it('answers with every column, exactly as a drizzle select of the row', () => {
    const incident = store.incidents.insert(
      anIncident({ id: 0, leadId: 'U0BOB', status: 'mitigated', mitigatedAt: at(15, 0) }),
    );
    const viaDrizzle = opened.db.select().from(incidents).all()[0];
    if (!viaDrizzle) throw new Error('the incident was not stored');
    expect(store.incidents.findOpenInChannel('C0INC')).toEqual(toIncident(viaDrizzle));
    expect(store.incidents.findOpenInChannel('C0INC')).toEqual(incident);
  });

  it('finds no resolved incident and none in another channel', () => {
    store.incidents.insert(anIncident({ id: 0, status: 'resolved', resolvedAt: at(16, 0) }));
    expect(store.incidents.findOpenInChannel('C0INC')).toBeNull();
    store.incidents.insert(anIncident({ id: 0, channelId: 'C0OTHER' }));
    expect(store.incidents.findOpenInChannel('C0INC')).toBeNull();
    expect(store.incidents.findOpenInChannel('C0OTHER')?.channelId).toBe('C0OTHER');
  });
});

describe('messages.insertIfNew (prepared)', () => {
  it('stores every field a draft reads back, once', () => {
    const id = store.incidents.insert(anIncident({ id: 0 })).id;
    const plain = aMessage({
      threadTs: '1.000100',
      editedAt: at(14, 11),
      subtype: 'thread_broadcast',
    });
    const alert = aMessage({
      postedAt: at(14, 12),
      userId: null,
      botId: 'B0DD',
      botName: 'Datadog',
      isBot: true,
      alert: aSignal({ state: 'firing', title: 'CPU high', severity: 'P1', firedAt: at(14, 1) }),
    });
    expect(store.messages.insertIfNew(id, plain, { ts: plain.ts }, at(14, 13))).toBe(true);
    expect(store.messages.insertIfNew(id, alert, { ts: alert.ts }, at(14, 13))).toBe(true);
    expect(store.messages.insertIfNew(id, plain, { ts: plain.ts }, at(14, 14))).toBe(false);
    expect(store.messages.forIncident(id)).toEqual([plain, alert]);
    expect(opened.sqlite.prepare('select raw from messages order by id').pluck().all()).toEqual([
      JSON.stringify({ ts: plain.ts }),
      JSON.stringify({ ts: alert.ts }),
    ]);
  });
});

describe('messages.claimEvent (prepared)', () => {
  it('claims an event id once', () => {
    expect(store.messages.claimEvent('Ev1', at(14, 0))).toBe(true);
    expect(store.messages.claimEvent('Ev1', at(14, 1))).toBe(false);
    expect(store.messages.claimEvent('Ev2', at(14, 1))).toBe(true);
  });
});

describe('alertChanges.record (prepared)', () => {
  it('keeps each state once and reads it back', () => {
    const id = store.incidents.insert(anIncident({ id: 0 })).id;
    const m = aMessage({
      isBot: true,
      userId: null,
      alert: aSignal({ state: 'firing', title: 'CPU' }),
    });
    store.messages.insertIfNew(id, m, {}, at(14, 10));
    const signal = aSignal({ state: 'firing', title: 'CPU', severity: 'P2', firedAt: at(14, 9) });
    store.alertChanges.record(id, m.channelId, m.ts, at(14, 10), signal);
    store.alertChanges.record(id, m.channelId, m.ts, at(14, 10), signal);
    expect(store.alertChanges.forIncident(id)).toEqual([
      { at: at(14, 10), origin: 'message', messageTs: m.ts, alert: signal },
    ]);
  });
});

describe('people.unknown (cached)', () => {
  it('answers from the database first, then remembers who is known', () => {
    expect(store.people.unknown(['U0A', 'U0B', 'U0A'])).toEqual(['U0A', 'U0B']);
    store.people.upsert({ id: 'U0A', name: 'Ann', tz: null }, at(14, 0));
    expect(store.people.unknown(['U0A', 'U0B'])).toEqual(['U0B']);
    // Known ids stay known without another query.
    opened.sqlite.prepare('delete from people').run();
    expect(store.people.unknown(['U0A'])).toEqual([]);
  });

  it('does not take a rolled-back profile for a stored one', () => {
    expect(() =>
      immediate(opened.db, () => {
        store.people.upsert({ id: 'U0A', name: 'Ann', tz: null }, at(14, 0));
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    expect(store.people.unknown(['U0A'])).toEqual(['U0A']);
  });

  it('sees profiles written by another store on the same database', () => {
    const other = createRepositories(opened.db);
    expect(store.people.unknown(['U0A'])).toEqual(['U0A']);
    other.people.upsert({ id: 'U0A', name: 'Ann', tz: null }, at(14, 0));
    expect(store.people.unknown(['U0A'])).toEqual([]);
  });
});
