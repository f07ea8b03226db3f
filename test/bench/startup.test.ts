import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startStandIn } from '../../bench/ingest.ts';
import { freePort } from '../../bench/shared.ts';
import { ensureBuilt, timeStartup } from '../../bench/startup.ts';
import { millionDb } from '../../bench/startup-db.ts';

describe('start-up benchmark core', () => {
  it('builds the stored-messages database once and times both entries to a healthy answer and reads the idle memory', async () => {
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
      for (const mode of ['compiled', 'tsx'] as const) {
        // Free ports: fixed ones inside the ephemeral range met other tests' sockets.
        const time = await timeStartup(path, slack.apiUrl, await freePort(), mode);
        expect(time.wall).toBeGreaterThan(0);
        if (process.platform === 'linux') expect(time.cpu).toBeGreaterThan(0);
        expect(time.idleRss).toBeNull();
      }
      // The idle memory: the team site on (its modules load only then), read after a pause.
      const sitePort = await freePort();
      const site = await timeStartup(path, slack.apiUrl, sitePort, 'compiled', {
        env: {
          SLACK_CLIENT_ID: '1000.2000',
          SLACK_CLIENT_SECRET: 'test-client-secret',
          WEB_BASE_URL: `http://127.0.0.1:${sitePort}`,
          SESSION_SECRET: 'test-session-secret-of-at-least-32-chars',
        },
        settleMs: 100,
      });
      if (process.platform === 'linux') {
        expect(site.idleRss).toBeGreaterThan(0);
        expect(site.peakRss).toBeGreaterThanOrEqual(site.idleRss ?? 0);
      }
    } finally {
      await slack.close();
    }
  }, 600_000); // a safety net only: dist/ may need building first (a minute on a busy machine)
});
