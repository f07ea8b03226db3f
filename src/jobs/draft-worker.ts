import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { createStore } from '../store/index.ts';
import * as schema from '../store/schema.ts';
import { composeDraftStreamed, summaryOf } from '../usecases/compose-draft.ts';
import { utf8Parts } from '../usecases/draft-markdown.ts';
import type { DraftJob, WorkerAnswer } from './draft-thread.ts';

// Composes and renders one draft on its own connection (read-only, one snapshot), so a long
// incident's draft never holds up the event loop that acknowledges Slack.
const job = workerData as DraftJob;
const sqlite = new Database(job.databasePath, { readonly: true, fileMustExist: true });
try {
  sqlite.pragma('busy_timeout = 5000');
  const store = createStore(drizzle(sqlite, { schema }));
  const deps = { store, timeZone: job.timeZone, clock: { now: () => job.generatedAt } };
  // The store reads the incident in one read transaction: one consistent snapshot.
  const streamed = await composeDraftStreamed(deps, job.incidentId);
  if (!streamed) {
    parentPort?.postMessage(null);
  } else {
    // As UTF-8 bytes, transferred: copying megabytes of string into the main thread would block
    // it for as long as the worker was meant to spare it. Encoded part by part as rendered.
    const markdown = utf8Parts(streamed.markdownParts());
    const answer: WorkerAnswer = { markdown, summary: summaryOf(streamed.draft) };
    parentPort?.postMessage(
      answer,
      markdown.map((bytes) => bytes.buffer),
    );
  }
} finally {
  sqlite.close();
}
