import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, WAL_SIZE_LIMIT } from '../../src/store/db.ts';

// A storm or a big draft grows the WAL; once it is all in the database file and a write starts
// the WAL over, the file is cut back instead of staying at its largest until the bot stops.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb() {
  const dir = mkdtempSync(join(tmpdir(), 'scribe-wal-size-'));
  dirs.push(dir);
  return join(dir, 'scribe.db');
}

describe('the WAL file', () => {
  it('is cut back to its limit once checkpointed and started over', () => {
    const path = tempDb();
    const limit = 256 * 1024;
    const { sqlite, close } = openDatabase(path, { walSizeLimitBytes: limit });
    try {
      expect(sqlite.pragma('journal_size_limit', { simple: true })).toBe(limit);
      sqlite.exec('create table big (id integer primary key, body blob)');
      const insert = sqlite.prepare('insert into big (body) values (?)');
      sqlite.transaction(() => {
        for (let i = 0; i < 16; i++) insert.run(Buffer.alloc(256 * 1024, i));
      })();
      const grown = statSync(`${path}-wal`).size;
      expect(grown).toBeGreaterThan(4 * limit);
      // All of it in the database file, nobody reading: the next write starts the WAL over.
      expect(sqlite.pragma('wal_checkpoint(PASSIVE)')).toEqual([
        expect.objectContaining({ busy: 0 }),
      ]);
      insert.run(Buffer.from('one more'));
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(limit);
    } finally {
      close();
    }
  });

  it('keeps up to 64 MB by default, so ordinary work reuses it as it is', () => {
    const { sqlite, close } = openDatabase(tempDb());
    try {
      expect(sqlite.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT);
      expect(WAL_SIZE_LIMIT).toBe(64 * 1024 * 1024);
    } finally {
      close();
    }
  });
});
