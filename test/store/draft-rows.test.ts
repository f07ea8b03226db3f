import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageRowsOf } from '../../src/domain/postmortem/message-rows.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { draftRowsOf } from '../../src/store/draft-rows.ts';
import { createRepositories, type Repositories } from '../../src/store/repositories.ts';
import { aMessage, anIncident, aSignal, at } from '../domain/builders.ts';

// The SQLite reader of a long draft's messages answers each order exactly as the in-memory
// orders do over the same messages (the domain's property test holds the draft to those).
let opened: OpenedDb;
let repos: Repositories;

beforeEach(() => {
  opened = openDatabase(':memory:');
  repos = createRepositories(opened.db);
});

afterEach(() => opened.close());

const tsOf = (i: number) => `1763733600.${String(i).padStart(6, '0')}`;
const drawn = fc.array(
  fc.record({
    minute: fc.integer({ min: 0, max: 6 }),
    parent: fc.option(fc.integer({ min: 0, max: 10 }), { freq: 2 }),
    deleted: fc.boolean(),
    alert: fc.boolean(),
    key: fc.boolean(),
    // The columns the reader packs (a bot's, an edit's, an alert's details) and the channel.
    bot: fc.boolean(),
    edited: fc.boolean(),
    elsewhere: fc.boolean(),
  }),
  { maxLength: 12 },
);

describe('draftRowsOf', () => {
  it('reads the draft order and the anchored rows as the in-memory orders do', () => {
    fc.assert(
      fc.property(drawn, fc.array(fc.nat(12), { maxLength: 3 }), (picked, anchored) => {
        opened.db.$client.exec(
          'delete from key_marks; delete from messages; delete from incidents',
        );
        const { id } = repos.incidents.insert(anIncident({ id: 0 }));
        const other = repos.incidents.insert(anIncident({ id: 0, channelId: 'C0OTHER' }));
        const messages = picked.map((p, i) =>
          aMessage({
            ts: tsOf(i),
            postedAt: at(14, p.minute),
            threadTs: p.parent === null ? null : tsOf(p.parent),
            alert: p.alert
              ? aSignal({
                  state: 'firing',
                  title: 'HighErrorRate',
                  severity: 'critical',
                  firedAt: at(13, 55),
                })
              : null,
            key: p.key,
            ...(p.bot
              ? {
                  botId: 'B0GRAF',
                  botName: 'Grafana "alerts"',
                  isBot: true,
                  subtype: 'bot_message',
                }
              : {}),
            ...(p.edited ? { editedAt: at(14, 59) } : {}),
            ...(p.elsewhere ? { channelId: 'C0ELSE' } : {}),
          }),
        );
        for (const m of messages) {
          repos.messages.insertIfNew(id, m, {}, 0);
          if (m.key)
            repos.keyMarks.add(
              { channelId: m.channelId, ts: m.ts, kind: 'pin', userId: 'U0ALICE' },
              0,
            );
        }
        // Another incident's rows are never read.
        repos.messages.insertIfNew(other.id, aMessage({ channelId: 'C0OTHER' }), {}, 0);
        for (const [i, p] of picked.entries()) {
          if (p.deleted) repos.messages.markDeleted('C0INC', tsOf(i), at(15, 0));
        }
        const rows = draftRowsOf(opened.db, id);
        const read = [...rows.inDraftOrder()];
        const expected = messageRowsOf(read.map((r) => r.message));
        expect(read.length).toBe(messages.length);
        // Each message as the store's own reader reads it.
        const byTs = (a: { ts: string }, b: { ts: string }) => (a.ts < b.ts ? -1 : 1);
        expect(read.map((r) => r.message).sort(byTs)).toEqual(
          repos.messages.forIncident(id).sort(byTs),
        );
        expect(read).toEqual([...expected.inDraftOrder()]);
        const anchors = new Set(anchored.map((i) => tsOf(i)));
        expect([...rows.anchoredBy(anchors)]).toEqual([...expected.anchoredBy(anchors)]);
        // A warm-up's reader: the first rows of the same order, and no more.
        const first = Math.floor(messages.length / 2);
        expect([...draftRowsOf(opened.db, id, first).inDraftOrder()]).toEqual(read.slice(0, first));
      }),
      { seed: 1504, numRuns: 150 },
    );
  });
});
