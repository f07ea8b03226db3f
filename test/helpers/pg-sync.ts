import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * Reads a PostgreSQL database synchronously, so the harness's `rows()` keeps one signature for
 * both engines (tests call it inside synchronous wait conditions). The query runs on a worker
 * thread while this one sleeps: plain reads never wait on the bot's locks, so nothing the bot
 * does on this thread is needed to answer them.
 */
export interface SyncPg {
  /** SQLite-style `?` placeholders are numbered for PostgreSQL. */
  query(sql: string, params: unknown[]): Record<string, unknown>[];
  close(): Promise<void>;
}

/** A safety net for a server that stopped answering, not a limit any query should approach. */
const QUERY_TIMEOUT_MS = 60_000;

export function syncPg(url: string): SyncPg {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./pg-sync-worker.mjs', import.meta.url), {
    workerData: { url, flag, port: port2 },
    transferList: [port2],
  });
  worker.unref();
  return {
    query(sql, params) {
      let n = 0;
      const numbered = sql.replace(/\?/g, () => `$${++n}`);
      Atomics.store(flag, 0, 0);
      worker.postMessage({ sql: numbered, params });
      if (Atomics.wait(flag, 0, 0, QUERY_TIMEOUT_MS) === 'timed-out') {
        throw new Error(`PostgreSQL did not answer within ${QUERY_TIMEOUT_MS} ms: ${sql}`);
      }
      const answer = receiveMessageOnPort(port1)?.message as
        | { rows: Record<string, unknown>[] }
        | { error: string }
        | undefined;
      if (answer === undefined) throw new Error(`no answer from the query worker: ${sql}`);
      if ('error' in answer) throw new Error(`${answer.error} (in: ${sql})`);
      return answer.rows;
    },
    async close() {
      port1.close();
      await worker.terminate();
    },
  };
}
