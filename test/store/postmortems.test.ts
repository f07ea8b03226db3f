import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { anIncident, at } from '../domain/builders.ts';

describe('postmortems: Markdown apart from the delivery state', () => {
  let opened: OpenedDb;
  let store: Store;

  beforeEach(() => {
    opened = openDatabase(':memory:');
    store = createStore(opened.db);
  });

  afterEach(() => opened.close());

  it('stores the Markdown once and reads it back by draft', async () => {
    const incidentId = store.incidents.insert(anIncident({ id: 0 })).id;
    const first = await store.postmortems.storePending(incidentId, '# One', at(15, 0));
    const second = await store.postmortems.storePending(incidentId, '# Two', at(15, 1));
    expect(first).toMatchObject({ incidentId, status: 'pending', attempts: 0, fileId: null });
    expect(store.postmortems.markdownOf(first.id)).toBe('# One');
    expect(store.postmortems.markdownOf(second.id)).toBe('# Two');
    expect(store.postmortems.markdownOf(second.id + 1)).toBeNull();
    expect(store.postmortems.latestForIncident(incidentId)?.id).toBe(second.id);
  });

  it('keeps the fingerprint a draft was stored with (none for older drafts)', async () => {
    const incidentId = store.incidents.insert(anIncident({ id: 0 })).id;
    await store.postmortems.storePending(incidentId, '# Old', at(15, 0));
    expect(store.postmortems.latestForIncident(incidentId)?.fingerprint).toBeNull();
    await store.postmortems.storePending(incidentId, '# New', at(15, 1), { fingerprint: 'f1' });
    expect(store.postmortems.latestForIncident(incidentId)?.fingerprint).toBe('f1');
  });

  it('leaves the Markdown row alone when the delivery state changes', async () => {
    const incidentId = store.incidents.insert(anIncident({ id: 0 })).id;
    const draft = await store.postmortems.storePending(incidentId, '# Draft', at(15, 0));
    const documentRow = () =>
      opened.sqlite.prepare('select rowid, markdown from postmortem_documents').all();
    const before = documentRow();
    store.postmortems.markFailed(draft.id, 'ratelimited', at(15, 1));
    store.postmortems.markUploaded(draft.id, { id: 'F1', permalink: 'https://x/F1' });
    store.postmortems.markPosted(draft.id, '1.000200');
    expect(documentRow()).toEqual(before);
    expect(store.postmortems.get(draft.id)).toMatchObject({
      status: 'posted',
      postedTs: '1.000200',
      attempts: 2,
      fileId: 'F1',
    });
    expect(store.postmortems.markdownOf(draft.id)).toBe('# Draft');
  });
});

describe('postmortems.storePending in parts', () => {
  let opened: OpenedDb;
  let store: Store;

  beforeEach(() => {
    opened = openDatabase(':memory:');
    store = createStore(opened.db);
  });

  afterEach(() => opened.close());

  it('writes a long Markdown in parts that read back as the whole, emoji intact', async () => {
    const incidentId = store.incidents.insert(anIncident({ id: 0 })).id;
    const markdown = '📌 key event &amp; more\n'.repeat(40);
    const draft = await store.postmortems.storePending(incidentId, markdown, at(15, 0), {
      partChars: 7,
    });
    const parts = opened.sqlite
      .prepare('select part from postmortem_documents where postmortem_id = ? order by part')
      .pluck()
      .all(draft.id);
    expect(parts.length).toBeGreaterThan(100);
    expect(parts).toEqual(parts.map((_, i) => i));
    expect(store.postmortems.markdownOf(draft.id)).toBe(markdown);
    expect(draft.status).toBe('pending');
  });

  it('is not due for delivery until its last part is stored', async () => {
    const incidentId = store.incidents.insert(anIncident({ id: 0 })).id;
    const storing = store.postmortems.storePending(incidentId, 'x'.repeat(100), at(15, 0), {
      partChars: 10,
    });
    // The first part is written synchronously, the rest on later turns of the event loop.
    expect(store.postmortems.due(at(16, 0))).toEqual([]);
    expect(store.postmortems.latestForIncident(incidentId)?.status).toBe('storing');
    const draft = await storing;
    expect(store.postmortems.due(at(16, 0)).map((p) => p.id)).toEqual([draft.id]);
  });
});

describe('migration 0006 (Markdown into postmortem_documents)', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-migrate-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the Markdown of drafts stored before it', () => {
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
      expect(store.postmortems.markdownOf(1)).toBe('# Kept');
      expect(store.postmortems.markdownOf(2)).toBe('# Pending');
      expect(store.postmortems.get(1)).toMatchObject({ status: 'posted', postedTs: '1.000100' });
      expect(store.postmortems.due(10).map((p) => p.id)).toEqual([2]);
      const columns = opened.sqlite.prepare('pragma table_info(postmortems)').all() as {
        name: string;
      }[];
      expect(columns.map((c) => c.name)).not.toContain('markdown');
    } finally {
      opened.close();
    }
  });
});
