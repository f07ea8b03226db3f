import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedIncident } from '../../bench/seed.ts';
import { threadDraftComposer } from '../../src/jobs/draft-thread.ts';
import { DRAFT_WORKER_NICE } from '../../src/jobs/thread-priority.ts';
import { openDatabase } from '../../src/store/db.ts';
import { draftFingerprint } from '../../src/usecases/draft-fingerprint.ts';
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

/** A thread's nice value, from /proc (field 19 of its stat). */
function niceOf(task: string): number {
  const stat = readFileSync(
    `/proc/${task === 'self' ? 'thread-self' : `self/task/${task}`}/stat`,
    'utf8',
  );
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

function threadsAtNice(nice: number): string[] {
  return readdirSync('/proc/self/task').filter((tid) => {
    try {
      return niceOf(tid) === nice;
    } catch {
      return false; // ended meanwhile
    }
  });
}

async function until(done: () => boolean): Promise<void> {
  const end = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > end) throw new Error('the standby never said its warm-up was over');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const job = () => ({ incidentId, timeZone: 'UTC', generatedAt: Date.UTC(2026, 10, 22) });

describe('the draft worker', () => {
  it('answers the draft, and runs it again with room when it outgrows its old generation', async () => {
    const usual = await threadDraftComposer(path).compose(job());
    expect(usual?.summary.title).toBeTruthy();
    const text = markdownText(usual?.markdown ?? []);
    expect(text).toContain('# Post-mortem (draft)');
    // Hashed in the worker as the event loop would hash it.
    expect(usual?.fingerprint).toBe(draftFingerprint(text));
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
    composer.standBy(job());
    expect(composer.standing).toBe(true);
    // Asked again, it keeps the one it has.
    composer.standBy(job());
    const drafted = await composer.compose(job());
    // Used up by the draft: the next one would start its own.
    expect(composer.standing).toBe(false);
    expect(markdownText(drafted?.markdown ?? [])).toBe(markdownText(fresh?.markdown ?? []));
    expect(drafted?.summary).toEqual(fresh?.summary);
    composer.standBy(job());
    expect(composer.standing).toBe(true);
    composer.standBy(null);
    expect(composer.standing).toBe(false);
    // Ended, it is not used: the draft starts a worker of its own.
    await expect(composer.compose(job())).resolves.toEqual(fresh);
  }, 120_000);

  it('a standby warms up on the named draft first, and its draft is the same as a cold one', async () => {
    const composer = threadDraftComposer(path);
    const fresh = await threadDraftComposer(path).compose(job());
    composer.standBy(job());
    await until(() => composer.warmedUpMs !== null);
    expect(composer.warmedUpMs).toBeGreaterThanOrEqual(0);
    const drafted = await composer.compose(job());
    expect(markdownText(drafted?.markdown ?? [])).toBe(markdownText(fresh?.markdown ?? []));
    expect(drafted?.summary).toEqual(fresh?.summary);
    expect(composer.warmedUpMs).toBeNull();
  }, 120_000);

  it('a standby runs below the event loop’s priority (Linux)', async () => {
    // Other tests' workers may still be ending: the new thread is the one that was not there.
    const before = new Set(threadsAtNice(DRAFT_WORKER_NICE));
    const composer = threadDraftComposer(path);
    composer.standBy(job());
    await until(() => composer.warmedUpMs !== null);
    expect(threadsAtNice(DRAFT_WORKER_NICE).filter((tid) => !before.has(tid))).toHaveLength(1);
    // This thread, the event loop, is left as it was.
    expect(niceOf('self')).toBe(0);
    composer.standBy(null);
  }, 60_000);

  it('a warm-up on an incident that is gone still leaves a standby that drafts', async () => {
    const composer = threadDraftComposer(path);
    composer.standBy({ ...job(), incidentId: 999_999 });
    await until(() => composer.warmedUpMs !== null);
    const drafted = await composer.compose(job());
    expect(markdownText(drafted?.markdown ?? [])).toContain('# Post-mortem (draft)');
  }, 120_000);

  it('a standby on a database it cannot open fails its draft (then composed in-process) and is not kept', async () => {
    const composer = threadDraftComposer(join(dir, 'missing.db'));
    composer.standBy(job());
    // The database is opened with the job: the standby fails only once it has one.
    await expect(composer.compose(job())).rejects.toThrow();
    expect(composer.standing).toBe(false);
  }, 60_000);
});
