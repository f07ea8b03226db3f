import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import type { PostmortemDraft } from '../domain/postmortem/model.ts';
import type { ComposedOffLoop, DraftComposer } from '../usecases/ports.ts';

export interface DraftJob {
  databasePath: string;
  incidentId: number;
  timeZone: string;
  generatedAt: number;
}

/** The worker's message: the Markdown as transferred UTF-8 bytes, in the parts it was rendered. */
export type WorkerAnswer = { markdown: Uint8Array<ArrayBuffer>[]; summary: PostmortemDraft } | null;

// Compiled (dist/jobs/draft-thread.js), the worker is its own compiled module; from source, a
// shim registers tsx in the worker first, as a worker starts without its parent's loader.
const ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './draft-worker.mjs' : './draft-worker.js',
  import.meta.url,
);

/** The draft composer for a store in a SQLite file: each draft in a worker thread of its own. */
export function threadDraftComposer(databasePath: string): DraftComposer {
  return { compose: (job) => composeOffThread({ ...job, databasePath }) };
}

/**
 * Runs one draft in a worker thread of its own (started per draft: drafts are rare, and an idle
 * worker would hold its memory for nothing). Rejects when the worker fails or exits early.
 */
function composeOffThread(job: DraftJob): Promise<ComposedOffLoop> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(ENTRY, { workerData: job, execArgv: [] });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if (answer === null) return resolve(null);
      decodeInSlices(answer.markdown).then(
        (markdown) => resolve({ markdown, summary: answer.summary }),
        reject,
      );
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`draft worker exited with code ${code} before answering`));
    });
  });
}

const SLICE = 512 * 1024;

/**
 * Megabytes of UTF-8 decoded in one go block the event loop for tens of milliseconds; slices
 * with a turn between them do not (the pieces join as a rope, without copying).
 */
async function decodeInSlices(parts: readonly Uint8Array[]): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for (const bytes of parts) {
    for (let at = 0; at < bytes.length; at += SLICE) {
      text += decoder.decode(bytes.subarray(at, at + SLICE), { stream: true });
      await nextTurn();
    }
  }
  return text + decoder.decode();
}
