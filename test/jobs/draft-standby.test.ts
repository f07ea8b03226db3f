import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../bench/seed.ts';
import { systemClock } from '../../src/clock.ts';
import { startDraftStandby } from '../../src/jobs/draft-standby.ts';
import { threadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { createLogger } from '../../src/logger.ts';
import { type OpenedDb, openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { createRepositories } from '../../src/store/repositories.ts';
import { keepDraftStandby } from '../../src/usecases/draft-standby.ts';
import type { DraftRequest } from '../../src/usecases/ports.ts';
import { OFF_THREAD_FROM } from '../../src/usecases/publish-draft.ts';

// A draft worker waits, started, only while an open incident is long enough to need one.

let dir: string;
let database: OpenedDb;
let path: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-draft-standby-'));
  path = join(dir, 'scribe.db');
  database = openDatabase(path);
});

afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function resolveNow(incidentId: number): void {
  const incidents = createRepositories(database.db).incidents;
  const incident = incidents.get(incidentId);
  if (!incident) throw new Error(`no incident ${incidentId}`);
  incidents.update({ ...incident, status: 'resolved', resolvedAt: Date.now() });
}

const deps = () => {
  const draftComposer = threadDraftComposer(path);
  return { store: createStore(database.db), draftComposer, timeZone: 'UTC', clock: systemClock };
};

describe('the standby draft worker', () => {
  it('is kept while an open incident is long, and ended once none is', async () => {
    const d = deps();
    seedIncident(database.db, { channelId: 'CSHORT1', messages: 50 });
    await expect(keepDraftStandby(d)).resolves.toBe(false);
    expect(d.draftComposer.standing).toBe(false);

    const long = seedIncident(database.db, { channelId: 'CLONG01', messages: OFF_THREAD_FROM });
    await expect(keepDraftStandby(d)).resolves.toBe(true);
    expect(d.draftComposer.standing).toBe(true);

    resolveNow(long);
    await expect(keepDraftStandby(d)).resolves.toBe(false);
    expect(d.draftComposer.standing).toBe(false);
  }, 60_000);

  it('a long resolved incident wants none', async () => {
    const d = deps();
    seedIncident(database.db, {
      channelId: 'CDONE01',
      messages: OFF_THREAD_FROM,
      resolved: true,
    });
    await expect(keepDraftStandby(d)).resolves.toBe(false);
    expect(d.draftComposer.standing).toBe(false);
  }, 60_000);

  it('the job keeps one from its first pass and ends it when stopped', async () => {
    const d = deps();
    const long = seedIncident(database.db, { channelId: 'CLONG02', messages: OFF_THREAD_FROM });
    const logger = createLogger('silent');
    const job = startDraftStandby({ ...d, logger }, 60_000);
    await job.runNow();
    expect(d.draftComposer.standing).toBe(true);
    await job.stop();
    expect(d.draftComposer.standing).toBe(false);
    resolveNow(long);
  }, 60_000);

  it('is warmed up on the longest open incident', async () => {
    const other = seedIncident(database.db, { channelId: 'CLONG03', messages: OFF_THREAD_FROM });
    const longest = seedIncident(database.db, {
      channelId: 'CLONG04',
      messages: OFF_THREAD_FROM + 1,
    });
    const warmUps: (DraftRequest | null)[] = [];
    const draftComposer = {
      compose: async () => null,
      standBy: (w: DraftRequest | null) => warmUps.push(w),
    };
    const now = Date.UTC(2026, 11, 2, 9);
    const store = createStore(database.db);
    await expect(
      keepDraftStandby({
        store,
        draftComposer,
        timeZone: 'Europe/Berlin',
        clock: { now: () => now },
      }),
    ).resolves.toBe(true);
    expect(warmUps).toEqual([{ incidentId: longest, timeZone: 'Europe/Berlin', generatedAt: now }]);
    resolveNow(longest);
    resolveNow(other);
    await keepDraftStandby({ store, draftComposer, timeZone: 'UTC', clock: { now: () => now } });
    expect(warmUps.at(-1)).toBeNull();
  }, 60_000);
});
