import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { draftHeadOf, draftRowsOf } from '../store/draft-rows.ts';
import { createStore } from '../store/index.ts';
import { createRepositories } from '../store/repositories.ts';
import { POSTMORTEM_PART_CHARS } from '../store/rows-actions.ts';
import * as schema from '../store/schema.ts';
import { composeDraftStreamed } from '../usecases/compose-draft.ts';
import { draftFingerprint } from '../usecases/draft-fingerprint.ts';
import { utf8PartMaker } from '../usecases/draft-markdown.ts';
import type { DraftJob, WarmedUp, WorkerAnswer, WorkerStart } from './draft-thread.ts';
import { lowerThisThread } from './thread-priority.ts';

// Composes and renders one draft on its own connection (read-only, one snapshot), so a long
// incident's draft never holds up the event loop that acknowledges Slack. The job comes as the
// first message: a worker may be started ahead of its draft (a standby) and wait, loaded, after
// composing a warm-up draft whose answer is thrown away (a job sent meanwhile waits for it).
// At a lower priority than the event loop: when the cores are busy, the acks get one first.
lowerThisThread();
const warmUp = (workerData as WorkerStart | null)?.warmUp ?? null;
const warm = warmUp === null ? Promise.resolve() : warmUpOn(warmUp);

parentPort?.once('message', (job: DraftJob) => {
  warm
    .then(() => answer(job))
    .then(
      (answer) => {
        parentPort?.postMessage(
          answer,
          (answer?.markdown ?? []).map((bytes) => bytes.buffer),
        );
      },
      (error: unknown) => {
        // Thrown out of the thread: the parent sees its 'error' event, as for a failed start.
        setImmediate(() => {
          throw error;
        });
      },
    );
});

/**
 * Runs the draft's code on real rows before the draft that counts, so that V8 has compiled it
 * for them by then. Whatever it finds is for the draft itself to report: a failure here is quiet.
 */
async function warmUpOn(job: DraftJob): Promise<void> {
  const started = performance.now();
  await answer(job).catch(() => null);
  const note: WarmedUp = { warmedUpMs: Math.round(performance.now() - started) };
  parentPort?.postMessage(note);
}

/**
 * The parts are sealed a little under the size the store keeps a part in (a part is sealed
 * after the line that fills it): at the full size nearly every part crossed it by a line and
 * was stored as two rows, 54 instead of 34 inserts for a 50,000-message draft.
 */
const WORKER_PART_BYTES = POSTMORTEM_PART_CHARS - 32 * 1024;

async function answer(job: DraftJob): Promise<WorkerAnswer> {
  const sqlite = new Database(job.databasePath, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // 2 MB of page cache instead of better-sqlite3's 16: the draft reads each row once, so a
    // big cache only keeps pages it will not ask for again, and SQLite's sort of the rows into
    // the draft order holds up to the cache's size in memory before spilling to a temporary file.
    sqlite.pragma('cache_size = -2000');
    const db = drizzle(sqlite, { schema });
    const store = createStore(db);
    const repos = createRepositories(db);
    const reader = {
      head: (id: number) => draftHeadOf(db, repos, id),
      rows: (id: number) => draftRowsOf(db, id, job.firstRows),
    };
    const deps = { store, timeZone: job.timeZone, clock: { now: () => job.generatedAt } };
    // Everything, the rows read once as they are rendered, in one read transaction: one
    // consistent snapshot (this connection only reads, so it never holds up a writer).
    sqlite.exec('begin');
    // As UTF-8 bytes, transferred: copying megabytes of string into the main thread would block
    // it for as long as the worker was meant to spare it. Encoded part by part as rendered.
    const maker = utf8PartMaker(WORKER_PART_BYTES);
    const streamed = await composeDraftStreamed(deps, job.incidentId, maker, reader);
    if (!streamed) return null;
    // Hashed here: 10 ms at 8 MB the event loop would otherwise spend right after the answer.
    const { markdown, summary } = streamed;
    return { markdown, summary, fingerprint: draftFingerprint(markdown) };
  } finally {
    sqlite.close();
  }
}
