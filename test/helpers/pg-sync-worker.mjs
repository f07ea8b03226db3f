// The worker side of pg-sync.ts: one connection, one query at a time, each answer handed back
// through the port and announced on the shared flag the asking thread sleeps on.
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';

const { url, flag, port } = workerData;
// As the tests read SQLite rows: bigint timestamps and counts as numbers, flags as 1 and 0.
const types = {
  getTypeParser(oid, format) {
    if (oid === 20) return (text) => Number(text);
    if (oid === 16) return (text) => (text === 't' ? 1 : 0);
    return pg.types.getTypeParser(oid, format);
  },
};
let client = null;
let connected = null;

/** A connection the server cut (a test stopping the database) is replaced at the next query. */
function connection() {
  if (client === null) {
    const opened = new pg.Client({ connectionString: url, types });
    opened.on('error', () => {
      if (client === opened) client = null;
    });
    client = opened;
    connected = opened.connect().then(() => opened);
  }
  return connected;
}

parentPort.on('message', async ({ sql, params }) => {
  let answer;
  try {
    const current = await connection();
    answer = { rows: (await current.query(sql, params)).rows };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
