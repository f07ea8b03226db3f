// One draft size, in a process of its own so its peak RSS is the draft's alone (plus the
// runtime's, reported apart):
// `node --import tsx bench/draft-child.ts <db> <incidentId> <runs>`; answers one JSON message.

import { performance } from 'node:perf_hooks';
import { renderPostmortemMarkdown } from '../src/domain/postmortem/markdown.ts';
import { openDatabase } from '../src/store/db.ts';
import { createStore } from '../src/store/index.ts';
import { composeDraft } from '../src/usecases/publish-draft.ts';
import { BENCH_START } from './seed.ts';

export interface DraftRun {
  /** Milliseconds of each run, in order (the first one is cold). */
  read: number[];
  compose: number[];
  render: number[];
  markdownBytes: number;
  timelineEntries: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

const [dbPath = '', idText = '1', runsText = '3'] = process.argv.slice(2);
const database = openDatabase(dbPath);
const store = createStore(database.db);
const incidentId = Number(idText);
const deps = { store, timeZone: 'Europe/Berlin', clock: { now: () => BENCH_START + 86_400_000 } };
// The same rows and columns the draft reads (everything a RecordedMessage holds).
const readRows = database.sqlite.prepare(
  `select channel_id, ts, thread_ts, posted_at, user_id, bot_id, bot_name, is_bot, subtype, text,
     edited_at, deleted_at, alert_state, alert_title, alert_source, alert_name, alert_severity,
     alert_fired_at from messages where incident_id = ? order by posted_at, ts`,
);

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
// The store answers SQLite's synchronous work as a settled promise: timed until it settles.
const timedAsync = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
};

const result: DraftRun = {
  read: [],
  compose: [],
  render: [],
  markdownBytes: 0,
  timelineEntries: 0,
  rssBeforeMb: mb(process.memoryUsage().rss),
  peakRssMb: 0,
};
for (let run = 0; run < Number(runsText); run++) {
  const [draft, composeMs] = await timedAsync(() => composeDraft(deps, incidentId));
  if (!draft) throw new Error(`no incident ${incidentId}`);
  const [markdown, renderMs] = timed(() => renderPostmortemMarkdown(draft));
  const [, readMs] = timed(() => readRows.all(incidentId));
  result.compose.push(composeMs);
  result.render.push(renderMs);
  result.read.push(readMs);
  result.markdownBytes = Buffer.byteLength(markdown);
  result.timelineEntries = draft.timeline.length;
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
database.close();
process.send?.(result);
process.disconnect?.();
