import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from '../logger.ts';

/** One checkpoint that found frames in the WAL: SQLite's `log` and `checkpointed` frame counts. */
export interface CheckpointReport {
  log: number;
  checkpointed: number;
}

export interface WalCheckpointerOptions {
  /** How often the thread looks at the WAL; ~300 ms keeps it well under SQLite's 4 MB default. */
  intervalMs?: number;
  /** Where a failed or vanished thread is reported. */
  logger?: Pick<Logger, 'warn'>;
  /** Called on the main thread after each checkpoint that found frames (tests, diagnostics). */
  onCheckpoint?: (report: CheckpointReport) => void;
}

export interface WalCheckpointer {
  /** Ends the thread (it closes its connection) and gives the main connection its threshold back. */
  stop(): Promise<void>;
  /** Resolves once the thread has ended, stopped or not. */
  readonly exited: Promise<void>;
}

/**
 * While the thread runs, the main connection checkpoints only past ~200 MB of WAL: a safety net
 * for a thread that falls behind. A long read (a big draft's worker holds one snapshot for a
 * second or more) keeps any checkpoint from passing it, and a storm of events meanwhile grew the
 * WAL past 10,000 pages: the main thread then checkpointed ~40 MB inside one commit (a 72 ms
 * block, measured); the thread folds it all once the read ends.
 */
export const RAISED_AUTOCHECKPOINT = 50_000;
const DEFAULT_INTERVAL_MS = 300;

// The thread loads better-sqlite3 alone (by the path the main thread resolved, so the same from
// src/ and dist/), never the app's modules: a few MB. It checkpoints only when another connection
// committed since its last look (data_version) or frames were left over, so an idle WAL costs one
// pragma. PASSIVE never waits for readers or writers; a busy connection is tried again next time.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 0 });
let seen = null;
let leftover = true;
function tick() {
  try {
    const version = db.pragma('data_version', { simple: true });
    if (version === seen && !leftover) return;
    seen = version;
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    leftover = result.busy !== 0 || result.checkpointed < result.log;
    if (workerData.report && result.log > 0) {
      parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
    }
  } catch (error) {
    if (!String(error && error.code).startsWith('SQLITE_BUSY')) throw error;
    leftover = true;
  }
}
tick();
const timer = setInterval(tick, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts a thread that folds the WAL of `sqlite`'s file into the database with its own
 * connection, and raises `sqlite`'s automatic checkpoint to a safety net meanwhile: the main
 * thread then never copies frames and fsyncs inside a commit (ADR 0018). If the thread fails or
 * ends unexpectedly, the main connection gets its automatic checkpoint back.
 */
export function startWalCheckpointer(
  sqlite: Database.Database,
  options: WalCheckpointerOptions = {},
): WalCheckpointer {
  const previous = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path: resolve(sqlite.name),
      intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
      report: options.onCheckpoint !== undefined,
    },
    execArgv: [],
  });
  sqlite.pragma(`wal_autocheckpoint = ${RAISED_AUTOCHECKPOINT}`);
  const restore = () => {
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${previous}`);
  };
  const { onCheckpoint, logger } = options;
  if (onCheckpoint) worker.on('message', (report: CheckpointReport) => onCheckpoint(report));
  let stopping = false;
  let failure: unknown;
  worker.on('error', (error) => {
    failure = error;
  });
  const exited = new Promise<void>((done) => {
    worker.once('exit', (exitCode) => {
      if (!stopping) {
        restore();
        logger?.warn(
          { err: failure, exitCode },
          'the WAL checkpointer thread ended; the bot checkpoints on its own thread again',
        );
      }
      done();
    });
  });
  // The thread holds nothing up: the process may end while it runs. (After the listeners: a
  // 'message' listener added later would hold the process again.)
  worker.unref();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        // Held until it has ended, or the process could end first and leave this unresolved.
        worker.ref();
        worker.postMessage('stop');
        await exited;
        restore();
      })();
      return stopped;
    },
    exited,
  };
}
