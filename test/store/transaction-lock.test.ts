import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { createStore } from '../../src/store/index.ts';
import { anIncident } from '../domain/builders.ts';

// Another process writing (an operator's script, a second bot by mistake) holds the write lock for
// a moment. A store operation that reads and then writes must wait its turn (busy_timeout), not fail.

const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.exec('BEGIN IMMEDIATE');
db.prepare("insert into people (id, name, tz, fetched_at) values ('UHOLDER', 'holder', null, 0)").run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.holdMs);
db.exec('COMMIT');
db.close();
`;

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a store operation under another writer', () => {
  it('waits for a short lock instead of failing with SQLITE_BUSY', async () => {
    dir = mkdtempSync(join(tmpdir(), 'scribe-lock-'));
    const path = join(dir, 'scribe.db');
    const opened = openDatabase(path, { busyTimeoutMs: 5000 });
    const store = createStore(opened.db);
    const worker = new Worker(HOLDER, {
      eval: true,
      workerData: {
        path,
        holdMs: 300,
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    });
    await new Promise((resolve) => worker.once('message', resolve));
    // Declaring reads the channel's open incident, then writes the incident and its event.
    const seen: unknown[] = [];
    const incident = anIncident({ id: 0, channelId: 'C0READER' });
    const saved = await store.incidents.open('C0READER', (open) => {
      seen.push(open);
      return {
        incident,
        event: {
          kind: 'declared',
          at: 0,
          actorId: 'U0A',
          text: null,
          subjectId: null,
          valueAt: null,
        },
      };
    });
    expect(seen).toEqual([null]);
    expect(saved).toMatchObject({ channelId: 'C0READER' });
    await new Promise((resolve) => worker.once('exit', resolve));
    const names = opened.sqlite.prepare('select id from people order by id').all();
    expect(names).toEqual([{ id: 'UHOLDER' }]);
    const rows = opened.sqlite.prepare('select channel_id from incidents').all();
    expect(rows).toEqual([{ channel_id: 'C0READER' }]);
    opened.close();
  });
});
