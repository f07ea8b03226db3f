import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import type { StoredPostmortem } from '../../src/usecases/ports.ts';
import { at } from '../domain/builders.ts';
import { storedIncident, useMemoryStore } from '../helpers/store.ts';

/** A draft the store did store (storePending answers null only when `unless` says so). */
function stored(draft: StoredPostmortem | null): StoredPostmortem {
  if (!draft) throw new Error('the draft was not stored');
  return draft;
}

describe('postmortems: Markdown apart from the delivery state', () => {
  const mem = useMemoryStore();

  it('stores the Markdown once and reads it back by draft', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const first = stored(await mem.store.postmortems.storePending(incidentId, '# One', at(15, 0)));
    const second = stored(await mem.store.postmortems.storePending(incidentId, '# Two', at(15, 1)));
    expect(first).toMatchObject({ incidentId, status: 'pending', attempts: 0, fileId: null });
    expect(await mem.store.postmortems.markdownOf(first.id)).toBe('# One');
    expect(await mem.store.postmortems.markdownOf(second.id)).toBe('# Two');
    expect(await mem.store.postmortems.markdownOf(second.id + 1)).toBeNull();
    expect((await mem.store.postmortems.latestForIncident(incidentId))?.id).toBe(second.id);
  });

  it('keeps the fingerprint a draft was stored with (none for older drafts)', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    await mem.store.postmortems.storePending(incidentId, '# Old', at(15, 0));
    expect((await mem.store.postmortems.latestForIncident(incidentId))?.fingerprint).toBeNull();
    await mem.store.postmortems.storePending(incidentId, '# New', at(15, 1), { fingerprint: 'f1' });
    expect((await mem.store.postmortems.latestForIncident(incidentId))?.fingerprint).toBe('f1');
  });

  it('stores nothing when `unless` refuses, having seen the latest draft', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const seen: Array<string | null> = [];
    const unless = (latest: StoredPostmortem | null) => {
      seen.push(latest?.fingerprint ?? null);
      return latest?.fingerprint === 'f1';
    };
    const first = await mem.store.postmortems.storePending(incidentId, '# A', at(15, 0), {
      fingerprint: 'f1',
      unless,
    });
    const repeat = await mem.store.postmortems.storePending(incidentId, '# A', at(15, 0), {
      fingerprint: 'f1',
      unless,
    });
    expect(first).not.toBeNull();
    expect(repeat).toBeNull();
    expect(seen).toEqual([null, 'f1']);
    const rows = mem.opened.sqlite.prepare('select count(*) as n from postmortems').get();
    expect(rows).toEqual({ n: 1 });
    expect(
      mem.opened.sqlite.prepare('select count(*) as n from postmortem_documents').get(),
    ).toEqual({
      n: 1,
    });
  });

  it('leaves the Markdown row alone when the delivery state changes', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const draft = stored(
      await mem.store.postmortems.storePending(incidentId, '# Draft', at(15, 0)),
    );
    const documentRow = () =>
      mem.opened.sqlite.prepare('select rowid, markdown from postmortem_documents').all();
    const before = documentRow();
    await mem.store.postmortems.markFailed(draft.id, 'ratelimited', at(15, 1));
    await mem.store.postmortems.markUploaded(draft.id, { id: 'F1', permalink: 'https://x/F1' });
    await mem.store.postmortems.markPosted(draft.id, '1.000200');
    expect(documentRow()).toEqual(before);
    expect(await mem.store.postmortems.get(draft.id)).toMatchObject({
      status: 'posted',
      postedTs: '1.000200',
      attempts: 2,
      fileId: 'F1',
    });
    expect(await mem.store.postmortems.markdownOf(draft.id)).toBe('# Draft');
  });

  it('discards an unfinished draft with the parts of it that were written', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const kept = stored(await mem.store.postmortems.storePending(incidentId, '# Kept', at(15, 0)));
    const gone = stored(await mem.store.postmortems.storePending(incidentId, '# Gone', at(15, 1)));
    await mem.store.postmortems.discard(gone.id);
    expect(await mem.store.postmortems.get(gone.id)).toBeNull();
    expect(await mem.store.postmortems.markdownOf(gone.id)).toBeNull();
    expect(await mem.store.postmortems.markdownOf(kept.id)).toBe('# Kept');
  });
});

describe('postmortems.storePending in parts', () => {
  const mem = useMemoryStore();

  it('writes a long Markdown in parts that read back as the whole, emoji intact', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const markdown = '📌 key event &amp; more\n'.repeat(40);
    const draft = stored(
      await mem.store.postmortems.storePending(incidentId, markdown, at(15, 0), { partChars: 7 }),
    );
    const parts = mem.opened.sqlite
      .prepare('select part from postmortem_documents where postmortem_id = ? order by part')
      .pluck()
      .all(draft.id);
    expect(parts.length).toBeGreaterThan(100);
    expect(parts).toEqual(parts.map((_, i) => i));
    expect(await mem.store.postmortems.markdownOf(draft.id)).toBe(markdown);
    expect(draft.status).toBe('pending');
  });

  it('stores UTF-8 parts as text rows of whole characters, cut wherever the parts end', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const markdown = '📌 key €vent é\n'.repeat(30);
    const bytes = new TextEncoder().encode(markdown);
    // Part boundaries inside the emoji (bytes 1–3) and the euro sign (bytes 9–11).
    const given = [bytes.slice(0, 2), bytes.slice(2, 10), bytes.slice(10)];
    const draft = stored(
      await mem.store.postmortems.storePending(incidentId, given, at(15, 0), { partChars: 9 }),
    );
    const rows = mem.opened.sqlite
      .prepare(
        'select typeof(markdown) as type, markdown from postmortem_documents where postmortem_id = ? order by part',
      )
      .all(draft.id) as { type: string; markdown: string }[];
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['text']));
    for (const row of rows) {
      expect(row.markdown.length).toBeLessThanOrEqual(9);
      expect(row.markdown).not.toContain('\uFFFD');
    }
    expect(rows.map((r) => r.markdown).join('')).toBe(markdown);
    expect(await mem.store.postmortems.markdownOf(draft.id)).toBe(markdown);
  });

  it('is not due for delivery until its last part is stored', async () => {
    const incidentId = (await storedIncident(mem.store)).id;
    const storing = mem.store.postmortems.storePending(incidentId, 'x'.repeat(100), at(15, 0), {
      partChars: 10,
    });
    // The first part is written at once, the rest on later turns of the event loop.
    expect(await mem.store.postmortems.due(at(16, 0))).toEqual([]);
    expect((await mem.store.postmortems.latestForIncident(incidentId))?.status).toBe('storing');
    expect((await mem.store.postmortems.interrupted()).map((p) => p.status)).toEqual(['storing']);
    const draft = stored(await storing);
    expect((await mem.store.postmortems.due(at(16, 0))).map((p) => p.id)).toEqual([draft.id]);
    expect(await mem.store.postmortems.interrupted()).toEqual([]);
  });
});

describe('migration 0006 (Markdown into postmortem_documents)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-migrate-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the Markdown of drafts stored before it', async () => {
    // The migrations as they were before 0006, applied to a file that then holds a draft.
    const before = join(dir, 'migrations');
    cpSync(new URL('../../migrations/sqlite', import.meta.url), before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((e) => e.idx < 6);
    writeFileSync(journalPath, JSON.stringify(journal));
    const path = join(dir, 'scribe.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: before });
    old
      .prepare(
        `insert into incidents (channel_id, title, severity, status, reporter_id, declared_at)
           values ('C0INC', 'Checkout down', 'sev2', 'resolved', 'U0A', 1)`,
      )
      .run();
    old
      .prepare(
        `insert into postmortems (incident_id, markdown, created_at, status, posted_ts, attempts)
           values (1, '# Kept', 2, 'posted', '1.000100', 1), (1, '# Pending', 3, 'pending', null, 0)`,
      )
      .run();
    old.close();

    const opened = openDatabase(path);
    try {
      const store = createStore(opened.db);
      expect(await store.postmortems.markdownOf(1)).toBe('# Kept');
      expect(await store.postmortems.markdownOf(2)).toBe('# Pending');
      expect(await store.postmortems.get(1)).toMatchObject({
        status: 'posted',
        postedTs: '1.000100',
      });
      expect((await store.postmortems.due(10)).map((p) => p.id)).toEqual([2]);
      const columns = opened.sqlite.prepare('pragma table_info(postmortems)').all() as {
        name: string;
      }[];
      expect(columns.map((c) => c.name)).not.toContain('markdown');
    } finally {
      opened.close();
    }
  });
});
