import { existsSync } from 'node:fs';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { PostmortemSummary } from '../domain/postmortem/summary.ts';
import type { ComposedOffLoop, DraftComposer, DraftRequest } from '../usecases/ports.ts';

export interface DraftJob extends DraftRequest {
  databasePath: string;
  /** Only this many messages, the first in the draft order (a warm-up's draft). */
  firstRows?: number;
}

/** The worker's data: a warm-up draft to compose (and throw away) before it takes its job. */
export interface WorkerStart {
  warmUp: DraftJob | null;
}

/** The worker's message: the Markdown as transferred UTF-8 bytes, in the parts it was rendered. */
export type WorkerAnswer = {
  markdown: Uint8Array<ArrayBuffer>[];
  summary: PostmortemSummary;
  fingerprint: string;
} | null;

/** The worker's note that its warm-up is over (before any answer), and how long it took. */
export interface WarmedUp {
  warmedUpMs: number;
}

const isWarmedUp = (message: unknown): message is WarmedUp =>
  typeof message === 'object' && message !== null && 'warmedUpMs' in message;

/**
 * How many messages a standby's warm-up draft reads: a fresh worker runs the draft's code cold,
 * interpreted until V8 has seen enough of it to compile it well. Measured at 50,000 messages,
 * a warm-up on the first 5,000 took the draft from 805-854 to 649-713 ms, for ~250 ms of the
 * worker's time while it waits.
 */
export const WARM_UP_ROWS = 5_000;

// Compiled (dist/jobs/draft-thread.js), the worker is the one-file bundle the build makes of
// its compiled module (bin/build-dist.mjs), or that module when there is none; from source, a
// shim registers tsx in the worker first, as a worker starts without its parent's loader.
const ENTRY = entry();

function entry(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./draft-worker.mjs', import.meta.url);
  const bundle = new URL('./draft-worker.bundle.js', import.meta.url);
  return existsSync(bundle) ? bundle : new URL('./draft-worker.js', import.meta.url);
}

/**
 * A young generation of 8 MB instead of V8's 48: the draft allocates millions of short-lived
 * strings, and a large nursery only lets them pile up before each scavenge (measured on the
 * running bot with 50,000 messages: 30 MB lower peak, no more CPU). An old generation of 48 MB:
 * V8 would otherwise let the worker's heap grow to about twice its live set before a full
 * collection (58 MB of heap for ~20 MB live at 50,000 messages, 68 MB at 100,000; the live set
 * is what the draft holds, not the messages, so it stays near 20-25 MB). An incident whose draft
 * holds more runs out of it: then the draft runs again in a worker with V8's default limit.
 */
const TIGHT: ResourceLimits = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 48 };
const ROOMY: ResourceLimits = { maxYoungGenerationSizeMb: 8 };

/** A draft composer that can keep a worker started and loaded, waiting for the next draft. */
export interface ThreadDraftComposer extends DraftComposer {
  /**
   * Whether to keep a standby worker: its start (a thread, Node's bootstrap, the worker's
   * modules; ~100 ms) is then off the draft's path, and it warms up first on the first
   * WARM_UP_ROWS messages of `warmUp`'s draft; 25-35 MB of resident memory while it waits (the
   * warm-up's garbage stays in its heap until the draft). null: a waiting standby ends;
   * otherwise one is started if none waits. Each draft uses up its worker.
   */
  standBy(warmUp: DraftRequest | null): void;
  /** Whether a standby worker is started and waiting (tests). */
  readonly standing: boolean;
  /** How long the waiting standby's warm-up took, once over; null before or without one. */
  readonly warmedUpMs: number | null;
}

/**
 * The draft composer for a store in a SQLite file: each draft in a worker thread of its own.
 * `oldGenerationMb` replaces the first attempt's old-generation limit (tests).
 */
export function threadDraftComposer(
  databasePath: string,
  options: { oldGenerationMb?: number } = {},
): ThreadDraftComposer {
  const first =
    options.oldGenerationMb === undefined
      ? TIGHT
      : { ...TIGHT, maxOldGenerationSizeMb: options.oldGenerationMb };
  let standby: Worker | null = null;
  let warmedUpMs: number | null = null;
  const start = (limits: ResourceLimits, warmUp: DraftJob | null = null) => {
    const workerData: WorkerStart = { warmUp };
    const worker = new Worker(ENTRY, { execArgv: [], resourceLimits: limits, workerData });
    // A worker that waits holds nothing up: the process may end meanwhile.
    worker.unref();
    return worker;
  };
  return {
    compose: async (job) => {
      const threadJob = { ...job, databasePath };
      const worker = standby ?? start(first);
      standby = null;
      try {
        return await composeOn(worker, threadJob);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
        return composeOn(start(ROOMY), threadJob);
      }
    },
    standBy(warmUp) {
      if (warmUp !== null && standby === null) {
        const worker = start(first, { ...warmUp, databasePath, firstRows: WARM_UP_ROWS });
        warmedUpMs = null;
        // One that fails while it waits is dropped; the next draft starts its own.
        const drop = () => {
          if (standby === worker) standby = null;
        };
        worker.once('error', drop);
        worker.once('exit', drop);
        worker.on('message', (message: unknown) => {
          if (standby === worker && isWarmedUp(message)) warmedUpMs = message.warmedUpMs;
        });
        standby = worker;
      } else if (warmUp === null && standby !== null) {
        void standby.terminate();
        standby = null;
      }
    },
    get standing() {
      return standby !== null;
    },
    get warmedUpMs() {
      return standby === null ? null : warmedUpMs;
    },
  };
}

/**
 * Runs one draft on a worker (started for it, or a standby), which ends after answering: the
 * next draft gets a fresh one, so no draft's memory outlives it. Rejects when the worker fails
 * or exits early.
 */
function composeOn(worker: Worker, job: DraftJob): Promise<ComposedOffLoop> {
  return new Promise((resolve, reject) => {
    let answered = false;
    worker.ref();
    const onMessage = (answer: WorkerAnswer | WarmedUp) => {
      // A standby's warm-up may end after the job was sent: its note comes first.
      if (isWarmedUp(answer)) return;
      worker.off('message', onMessage);
      answered = true;
      // Kept as the bytes it came in: storing and upload take them as they are.
      resolve(answer);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`draft worker exited with code ${code} before answering`));
    });
    worker.postMessage(job);
  });
}
