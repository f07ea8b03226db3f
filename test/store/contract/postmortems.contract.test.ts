import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import type { Store, StoredPostmortem } from '../../../src/usecases/ports.ts';
import { at } from '../../domain/builders.ts';
import { storedIncident } from '../../helpers/store.ts';
import { withPostgres } from './action-races.ts';
import { ENGINES, freshStorePerTest } from './engines.ts';

// PostmortemStore on every engine: the Markdown stored in parts and read back whole, the
// delivery state apart from it, `unless` deciding in the same step as the new row (two clicks at
// once store one draft), and nothing stored for an incident that does not exist.

/** A draft the store did store (storePending answers null only when `unless` says so). */
function stored(draft: StoredPostmortem | null): StoredPostmortem {
  if (!draft) throw new Error('the draft was not stored');
  return draft;
}

describe.each(ENGINES)('postmortems ($name)', (engine) => {
  let store: Store;
  freshStorePerTest(engine, (s) => {
    store = s;
  });

  describe('storePending and reading back', () => {
    it('stores a pending draft and reads its Markdown back by draft', async () => {
      const incidentId = (await storedIncident(store)).id;
      const first = stored(await store.postmortems.storePending(incidentId, '# One', at(15, 0)));
      const second = stored(await store.postmortems.storePending(incidentId, '# Two', at(15, 1)));
      expect(first).toEqual({
        id: expect.any(Number),
        incidentId,
        status: 'pending',
        postedTs: null,
        attempts: 0,
        lastError: null,
        createdAt: at(15, 0),
        fileId: null,
        filePermalink: null,
        fingerprint: null,
      });
      expect(second.id).toBeGreaterThan(first.id);
      expect(await store.postmortems.get(first.id)).toEqual(first);
      expect(await store.postmortems.markdownOf(first.id)).toBe('# One');
      expect(await store.postmortems.markdownOf(second.id)).toBe('# Two');
      expect(await store.postmortems.latestForIncident(incidentId)).toEqual(second);
      expect(await store.postmortems.interrupted()).toEqual([]);
    });

    it('writes a long Markdown in parts that read back as the whole, emoji intact', async () => {
      const incidentId = (await storedIncident(store)).id;
      const markdown = '📌 key event &amp; more\n'.repeat(40);
      const draft = stored(
        await store.postmortems.storePending(incidentId, markdown, at(15, 0), { partChars: 7 }),
      );
      expect(draft.status).toBe('pending');
      expect(await store.postmortems.markdownOf(draft.id)).toBe(markdown);
    });

    it('stores Markdown given as UTF-8 parts, split mid-character, as the same text', async () => {
      const incidentId = (await storedIncident(store)).id;
      const markdown = '📌 key event &amp; é more\n'.repeat(40);
      const bytes = new TextEncoder().encode(markdown);
      // Parts of 13 bytes end inside the 4-byte emoji and the 2-byte é, as no renderer's would.
      const parts = Array.from({ length: Math.ceil(bytes.length / 13) }, (_, i) =>
        bytes.slice(i * 13, i * 13 + 13),
      );
      const draft = stored(
        await store.postmortems.storePending(incidentId, parts, at(15, 0), { partChars: 7 }),
      );
      expect(draft.status).toBe('pending');
      expect(await store.postmortems.markdownOf(draft.id)).toBe(markdown);
    });

    it('stores bytes that are not UTF-8 as the text TextDecoder reads from them', async () => {
      const incidentId = (await storedIncident(store)).id;
      // A stray byte, then an emoji cut off by a part boundary and never finished.
      const parts = [
        new TextEncoder().encode('# Draft 📌 é\n'),
        new Uint8Array([0x41, 0xff, 0xf0, 0x9f]),
        new Uint8Array([0x42]),
      ];
      const draft = stored(
        await store.postmortems.storePending(incidentId, parts, at(15, 0), { partChars: 7 }),
      );
      expect(await store.postmortems.markdownOf(draft.id)).toBe('# Draft 📌 é\nA\uFFFD\uFFFDB');
    });

    it('keeps the fingerprint a draft was stored with (none when not given)', async () => {
      const incidentId = (await storedIncident(store)).id;
      await store.postmortems.storePending(incidentId, '# Old', at(15, 0));
      expect((await store.postmortems.latestForIncident(incidentId))?.fingerprint).toBeNull();
      await store.postmortems.storePending(incidentId, '# New', at(15, 1), { fingerprint: 'f1' });
      expect((await store.postmortems.latestForIncident(incidentId))?.fingerprint).toBe('f1');
    });

    it('answers null for a draft or an incident that does not exist', async () => {
      expect(await store.postmortems.get(999)).toBeNull();
      expect(await store.postmortems.markdownOf(999)).toBeNull();
      expect(await store.postmortems.latestForIncident(999)).toBeNull();
    });

    it('refuses a draft for an incident that does not exist, storing nothing', async () => {
      await expect(store.postmortems.storePending(999, '# Nobody', at(15, 0))).rejects.toThrow();
      expect(await store.postmortems.latestForIncident(999)).toBeNull();
      expect(await store.postmortems.interrupted()).toEqual([]);
      expect(await store.postmortems.due(at(23, 0))).toEqual([]);
    });
  });

  describe('unless', () => {
    const unlessSame = (seen: Array<string | null>) => (latest: StoredPostmortem | null) => {
      seen.push(latest?.fingerprint ?? null);
      return latest?.fingerprint === 'f1';
    };

    it("stores nothing when `unless` refuses, having seen the incident's latest draft", async () => {
      const incidentId = (await storedIncident(store)).id;
      const other = (await storedIncident(store, { channelId: 'C0OTHER' })).id;
      await store.postmortems.storePending(other, '# Elsewhere', at(14, 0), { fingerprint: 'f9' });
      const seen: Array<string | null> = [];
      const options = { fingerprint: 'f1', unless: unlessSame(seen) };
      const first = await store.postmortems.storePending(incidentId, '# A', at(15, 0), options);
      const repeat = await store.postmortems.storePending(incidentId, '# A', at(15, 0), options);
      expect(first).not.toBeNull();
      expect(repeat).toBeNull();
      expect(seen).toEqual([null, 'f1']);
      expect(await store.postmortems.latestForIncident(incidentId)).toEqual(first);
      expect(await store.postmortems.due(at(16, 0))).toHaveLength(2);
    });

    it('stores one draft of two clicks at once: the second sees the first', async () => {
      const incidentId = (await storedIncident(store)).id;
      const seen: Array<string | null> = [];
      const options = { fingerprint: 'f1', unless: unlessSame(seen) };
      const clicks = await Promise.all(
        [1, 2, 3].map(() => store.postmortems.storePending(incidentId, '# A', at(15, 0), options)),
      );
      expect(clicks.filter((c) => c !== null)).toHaveLength(1);
      expect(seen.sort()).toEqual(['f1', 'f1', null]);
      expect(await store.postmortems.due(at(16, 0))).toHaveLength(1);
    });

    it('stores nothing when `unless` throws', async () => {
      const incidentId = (await storedIncident(store)).id;
      const unless = () => {
        throw new Error('a bug in a decision');
      };
      await expect(
        store.postmortems.storePending(incidentId, '# A', at(15, 0), { unless }),
      ).rejects.toThrow('a bug in a decision');
      expect(await store.postmortems.latestForIncident(incidentId)).toBeNull();
    });
  });

  describe('delivery state', () => {
    it('is due from its creation until posted, and after a failure again once its retry is due', async () => {
      const incidentId = (await storedIncident(store)).id;
      const draft = stored(await store.postmortems.storePending(incidentId, '# D', at(15, 0)));
      expect(await store.postmortems.due(at(14, 59))).toEqual([]);
      expect(await store.postmortems.due(at(15, 0))).toEqual([draft]);
      await store.postmortems.markFailed(draft.id, 'ratelimited', at(15, 2));
      expect(await store.postmortems.due(at(15, 1))).toEqual([]);
      const failed = { ...draft, attempts: 1, lastError: 'ratelimited' };
      expect(await store.postmortems.due(at(15, 2))).toEqual([failed]);
      await store.postmortems.markUploaded(draft.id, { id: 'F1', permalink: 'https://x/F1' });
      await store.postmortems.markPosted(draft.id, '1.000200');
      expect(await store.postmortems.due(at(23, 0))).toEqual([]);
      expect(await store.postmortems.get(draft.id)).toEqual({
        ...failed,
        status: 'posted',
        postedTs: '1.000200',
        attempts: 2,
        fileId: 'F1',
        filePermalink: 'https://x/F1',
      });
      expect(await store.postmortems.markdownOf(draft.id)).toBe('# D');
    });

    it('lists due drafts oldest first, across incidents', async () => {
      const one = (await storedIncident(store)).id;
      const two = (await storedIncident(store, { channelId: 'C0OTHER' })).id;
      const a = stored(await store.postmortems.storePending(two, '# A', at(15, 0)));
      const b = stored(await store.postmortems.storePending(one, '# B', at(15, 1)));
      const c = stored(await store.postmortems.storePending(two, '# C', at(15, 2)));
      await store.postmortems.markUploaded(b.id, { id: 'F2', permalink: null });
      const uploaded = { ...b, fileId: 'F2' };
      expect(await store.postmortems.due(at(16, 0))).toEqual([a, uploaded, c]);
    });

    it('changes nothing for a draft that does not exist', async () => {
      const incidentId = (await storedIncident(store)).id;
      const draft = stored(await store.postmortems.storePending(incidentId, '# D', at(15, 0)));
      await store.postmortems.markFailed(999, 'x', at(15, 1));
      await store.postmortems.markUploaded(999, { id: 'F9', permalink: null });
      await store.postmortems.markPosted(999, '1.000900');
      await store.postmortems.discard(999);
      expect(await store.postmortems.get(999)).toBeNull();
      expect(await store.postmortems.get(draft.id)).toEqual(draft);
    });

    it('discards a draft with its Markdown, leaving the others', async () => {
      const incidentId = (await storedIncident(store)).id;
      const kept = stored(await store.postmortems.storePending(incidentId, '# Kept', at(15, 0)));
      const gone = stored(
        await store.postmortems.storePending(incidentId, '# Gone'.repeat(10), at(15, 1), {
          partChars: 4,
        }),
      );
      await store.postmortems.discard(gone.id);
      expect(await store.postmortems.get(gone.id)).toBeNull();
      expect(await store.postmortems.markdownOf(gone.id)).toBeNull();
      expect(await store.postmortems.markdownOf(kept.id)).toBe('# Kept');
      expect(await store.postmortems.latestForIncident(incidentId)).toEqual(kept);
    });
  });
});

// On PostgreSQL, the moments between the statements of one operation, made certain (action-races.ts).
describe('postmortems (postgres, another session in the way)', () => {
  it('stores one draft of clicks that meet on the server: the others see it', () =>
    withPostgres(async ({ store, startedTogether }) => {
      const incidentId = (await storedIncident(store)).id;
      const unless = (latest: StoredPostmortem | null) => latest?.fingerprint === 'f1';
      const click = () =>
        store.postmortems.storePending(incidentId, '# A', at(15, 0), { fingerprint: 'f1', unless });
      const clicks = await startedTogether('postmortems', [click, click, click]);
      expect(clicks.filter((c) => c !== null)).toHaveLength(1);
      expect(await store.postmortems.due(at(16, 0))).toHaveLength(1);
    }));

  // SQLite's twin is in test/store/postmortems.test.ts: there the first part is written at once.
  it("is 'storing', interrupted and not due until its last part is in", () =>
    withPostgres(async ({ store, url }) => {
      const incidentId = (await storedIncident(store)).id;
      const holder = new pg.Client({ connectionString: url });
      try {
        await holder.connect();
        await holder.query('begin');
        // Parts cannot be written while this is held; the draft's row can.
        await holder.query('lock table postmortem_documents in share mode');
        const storing = store.postmortems.storePending(incidentId, 'x'.repeat(100), at(15, 0), {
          partChars: 10,
        });
        const midWrite = await vi.waitFor(
          async () => {
            const latest = await store.postmortems.latestForIncident(incidentId);
            if (!latest) throw new Error('the row is not in yet');
            return latest;
          },
          { timeout: 30_000, interval: 20 },
        );
        expect(midWrite.status).toBe('storing');
        expect(await store.postmortems.interrupted()).toEqual([midWrite]);
        expect(await store.postmortems.due(at(16, 0))).toEqual([]);
        await holder.query('commit');
        const draft = stored(await storing);
        expect(await store.postmortems.due(at(16, 0))).toEqual([draft]);
        expect(await store.postmortems.interrupted()).toEqual([]);
        expect(await store.postmortems.markdownOf(draft.id)).toBe('x'.repeat(100));
      } finally {
        await holder.end().catch(() => {});
      }
    }));
});
