import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../bench/ingest.ts';
import { ensureBuilt, millionDb, timeStartup } from '../../bench/startup.ts';

describe('start-up benchmark core', () => {
  it('builds the stored-messages database once and times both entries to a healthy answer', async () => {
    const path = millionDb(2_500);
    expect(millionDb(2_500)).toBe(path);
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('select count(*) as n from messages').get()).toEqual({ n: 2_500 });
      expect(
        db.prepare("select count(*) as n from incidents where status <> 'resolved'").get(),
      ).toEqual({ n: 3 });
    } finally {
      db.close();
    }
    const slack = await startStandIn();
    try {
      ensureBuilt();
      for (const [port, mode] of [
        [39_100, 'compiled'],
        [39_101, 'tsx'],
      ] as const) {
        const time = await timeStartup(path, slack.apiUrl, port, mode);
        expect(time.wall).toBeGreaterThan(0);
        if (process.platform === 'linux') expect(time.cpu).toBeGreaterThan(0);
      }
    } finally {
      await slack.close();
    }
  }, 600_000); // a safety net only: dist/ may need building first (a minute on a busy machine)
});
