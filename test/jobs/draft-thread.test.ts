import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../bench/seed.ts';
import { threadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { openDatabase } from '../../src/store/db.ts';
import { markdownText } from '../../src/usecases/draft-markdown.ts';

// The draft worker, started as the bot starts it, over a real SQLite file.

let dir: string;
let path: string;
let incidentId: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scribe-draft-thread-'));
  path = join(dir, 'scribe.db');
  const database = openDatabase(path);
  incidentId = seedIncident(database.db, { channelId: 'CTHREAD1', messages: 400 });
  database.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const job = () => ({ incidentId, timeZone: 'UTC', generatedAt: Date.UTC(2026, 10, 22) });

describe('the draft worker', () => {
  it('answers the draft, and runs it again with room when it outgrows its old generation', async () => {
    const usual = await threadDraftComposer(path).compose(job());
    expect(usual?.summary.title).toBeTruthy();
    const text = markdownText(usual?.markdown ?? []);
    expect(text).toContain('# Post-mortem (draft)');
    // 1 MB of old generation is not even enough to load the worker's modules.
    const retried = await threadDraftComposer(path, { oldGenerationMb: 1 }).compose(job());
    expect(markdownText(retried?.markdown ?? [])).toBe(text);
    expect(retried?.summary).toEqual(usual?.summary);
  }, 120_000);

  it('answers null for an incident that does not exist', async () => {
    await expect(
      threadDraftComposer(path).compose({ ...job(), incidentId: 999_999 }),
    ).resolves.toBeNull();
  }, 60_000);

  it('fails when the database file is missing (the caller then composes in-process)', async () => {
    await expect(threadDraftComposer(join(dir, 'missing.db')).compose(job())).rejects.toThrow();
  }, 60_000);

  it('keeps a worker waiting when asked, uses it for the next draft, and ends it when told', async () => {
    const composer = threadDraftComposer(path);
    const fresh = await threadDraftComposer(path).compose(job());
    composer.standBy(true);
    expect(composer.standing).toBe(true);
    // Asked again, it keeps the one it has.
    composer.standBy(true);
    const drafted = await composer.compose(job());
    // Used up by the draft: the next one would start its own.
    expect(composer.standing).toBe(false);
    expect(markdownText(drafted?.markdown ?? [])).toBe(markdownText(fresh?.markdown ?? []));
    expect(drafted?.summary).toEqual(fresh?.summary);
    composer.standBy(true);
    expect(composer.standing).toBe(true);
    composer.standBy(false);
    expect(composer.standing).toBe(false);
    // Ended, it is not used: the draft starts a worker of its own.
    await expect(composer.compose(job())).resolves.toEqual(fresh);
  }, 120_000);

  it('a standby on a database it cannot open fails its draft (then composed in-process) and is not kept', async () => {
    const composer = threadDraftComposer(join(dir, 'missing.db'));
    composer.standBy(true);
    // The database is opened with the job: the standby fails only once it has one.
    await expect(composer.compose(job())).rejects.toThrow();
    expect(composer.standing).toBe(false);
  }, 60_000);
});
