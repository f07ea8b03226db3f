import { mkdtempSync, readdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { openStore } from '../../src/store/open.ts';
import {
  type CheckpointReport,
  RAISED_AUTOCHECKPOINT,
  startWalCheckpointer,
} from '../../src/store/wal-checkpointer.ts';
import { captureLogs } from '../helpers/test-clock.ts';

// The checkpointer is a real thread with its own connection to a real SQLite file.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function database(): { path: string; opened: OpenedDb } {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-wal-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'scribe.db');
  const opened = openDatabase(path);
  cleanups.push(() => opened.close());
  opened.sqlite.exec('create table filler (x blob)');
  return { path, opened };
}

function started(opened: OpenedDb, onCheckpoint?: (report: CheckpointReport) => void) {
  const checkpointer = startWalCheckpointer(opened.sqlite, onCheckpoint ? { onCheckpoint } : {});
  cleanups.push(() => checkpointer.stop());
  return checkpointer;
}

/** ~5 MB in 20 commits: past SQLite's default automatic checkpoint (1,000 pages, ~4 MB). */
function writeFiveMegabytes(opened: OpenedDb): void {
  const insert = opened.sqlite.prepare('insert into filler (x) values (?)');
  for (let i = 0; i < 20; i++) insert.run(Buffer.alloc(256 * 1024, i + 1));
}

/** Resolves with the first report `matches` accepts. */
function reportWhere(matches: (report: CheckpointReport) => boolean) {
  let found: (report: CheckpointReport) => void = () => {};
  const promise = new Promise<CheckpointReport>((resolve) => {
    found = resolve;
  });
  return {
    promise,
    onCheckpoint: (report: CheckpointReport) => {
      if (matches(report)) found(report);
    },
  };
}

const autocheckpoint = (opened: OpenedDb) =>
  opened.sqlite.pragma('wal_autocheckpoint', { simple: true });

const threads = () => readdirSync('/proc/self/task').length;

describe('the WAL checkpointer', () => {
  it('folds the frames the main connection wrote into the database file, on its own thread', async () => {
    const { path, opened } = database();
    // More frames than the 5 MB alone: the pages of the migrated schema are in the WAL too.
    const folded = reportWhere((r) => r.log >= 1280 && r.checkpointed === r.log);
    started(opened, folded.onCheckpoint);
    const before = statSync(path).size;
    writeFiveMegabytes(opened);
    const report = await folded.promise;
    expect(report.checkpointed).toBe(report.log);
    expect(statSync(path).size - before).toBeGreaterThan(5 * 1024 * 1024);
  });

  it('raises the main connection’s automatic checkpoint while it runs, and gives it back when stopped', async () => {
    const { opened } = database();
    expect(autocheckpoint(opened)).toBe(1000);
    const checkpointer = started(opened);
    expect(autocheckpoint(opened)).toBe(RAISED_AUTOCHECKPOINT);
    await checkpointer.stop();
    expect(autocheckpoint(opened)).toBe(1000);
  });

  it('warns and gives the main connection its automatic checkpoint back when the thread dies', async () => {
    const { path, opened } = database();
    // The main connection keeps the unlinked file; the thread finds nothing to open.
    unlinkSync(path);
    const logs = captureLogs();
    const checkpointer = startWalCheckpointer(opened.sqlite, {
      logger: createLogger('warn', logs.sink),
    });
    cleanups.push(() => checkpointer.stop());
    await checkpointer.exited;
    expect(autocheckpoint(opened)).toBe(1000);
    expect(logs.lines.join('')).toContain('the WAL checkpointer thread ended');
  });

  it('leaves no thread behind once stopped, and its connection closed', async () => {
    const { path, opened } = database();
    const before = threads();
    const first = reportWhere(() => true);
    const checkpointer = started(opened, first.onCheckpoint);
    opened.sqlite.prepare('insert into filler (x) values (?)').run(Buffer.alloc(4096, 7));
    await first.promise;
    expect(threads()).toBe(before + 1);
    await checkpointer.stop();
    expect(threads()).toBe(before);
    // The main connection is the last: closing it deletes the WAL.
    opened.checkpointAndClose();
    expect(readdirSync(join(path, '..'))).toEqual(['scribe.db']);
  });
});

describe('openStore', () => {
  it('with walCheckpointer, raises the threshold and stops the thread before the final checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scribe-wal-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const before = threads();
    const opened = await openStore(
      { engine: 'sqlite', path: join(dir, 'scribe.db') },
      { walCheckpointer: true },
    );
    cleanups.push(() => opened.close());
    expect(opened.sqlite && autocheckpoint(opened.sqlite)).toBe(RAISED_AUTOCHECKPOINT);
    await opened.close();
    expect(threads()).toBe(before);
    // The thread's connection was closed first: the bot's was the last, which deletes the WAL.
    expect(readdirSync(dir)).toEqual(['scribe.db']);
  });

  it('without it, and for :memory:, leaves SQLite its own automatic checkpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scribe-wal-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const before = threads();
    const plain = await openStore({ engine: 'sqlite', path: join(dir, 'scribe.db') });
    cleanups.push(() => plain.close());
    const memory = await openStore(
      { engine: 'sqlite', path: ':memory:' },
      { walCheckpointer: true },
    );
    cleanups.push(() => memory.close());
    expect(plain.sqlite && autocheckpoint(plain.sqlite)).toBe(1000);
    expect(memory.sqlite && autocheckpoint(memory.sqlite)).toBe(1000);
    expect(threads()).toBe(before);
  });
});
