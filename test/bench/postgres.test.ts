import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandIn } from '../../bench/ingest.ts';
import { measureDraftsOnBoth } from '../../bench/postgres-draft.ts';
import { pgIngestOnce } from '../../bench/postgres-ingest.ts';
import { type BenchPostgres, benchPostgres } from '../../bench/postgres-server.ts';
import type { SlackStandIn } from '../../src/stand-in/index.ts';

let slack: SlackStandIn;
let postgres: BenchPostgres;
beforeAll(async () => {
  slack = await startStandIn();
  postgres = await benchPostgres(inject('postgresAdminUrl'));
});
afterAll(async () => {
  await slack.close();
  await postgres.stop();
});

const options = { events: 50, warmup: 10, concurrency: 8 };

describe('PostgreSQL benchmark core', () => {
  it('stores every event exactly once with one bot and with two sharing the load', async () => {
    for (const replicas of [1, 2]) {
      const run = await pgIngestOnce(postgres, slack, replicas, options);
      expect(run.deliveries).toBe(51);
      expect(run.perReplica).toHaveLength(replicas);
      expect(run.perReplica.every((n) => n > 0)).toBe(true);
      expect(run.perReplica.reduce((a, b) => a + b)).toBe(51);
      expect(run.stored).toEqual({
        rows: 60,
        distinctTs: 60,
        events: 60,
        alerts: run.expected.alerts,
      });
      expect(run.cpuPerEvent.bots).toBeGreaterThan(0);
    }
  }, 120_000);

  it('composes the same draft from both engines', async () => {
    const { sqlite, postgres: pg } = await measureDraftsOnBoth(postgres, 200, 1);
    expect(sqlite.compose).toHaveLength(1);
    expect(pg.compose).toHaveLength(1);
    expect(pg.markdownBytes).toBe(sqlite.markdownBytes);
    expect(sqlite.keyEvents).toBeGreaterThan(0);
    expect(pg.keyEvents).toBe(sqlite.keyEvents);
  }, 120_000);
});
