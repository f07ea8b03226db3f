import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../bench/ingest.ts';
import { millionDb, timeStartup } from '../../bench/startup.ts';

describe('start-up benchmark core', () => {
  it('builds the stored-messages database once and times main.ts to a healthy answer', async () => {
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
      expect(await timeStartup(path, slack.apiUrl, 39_100)).toBeGreaterThan(0);
    } finally {
      await slack.close();
    }
  }, 60_000);
});
