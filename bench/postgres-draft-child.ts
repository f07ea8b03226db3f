// One draft from PostgreSQL, in a process of its own (as bench/draft-child.ts does for SQLite):
// `node --import tsx bench/postgres-draft-child.ts <url> <incidentId> <runs>`; answers one JSON
// message (a DraftRun).

import { performance } from 'node:perf_hooks';
import { renderPostmortemMarkdown } from '../src/domain/postmortem/markdown.ts';
import { openPostgres } from '../src/store/postgres/db.ts';
import { createPostgresStore } from '../src/store/postgres/index.ts';
import { composeDraft } from '../src/usecases/publish-draft.ts';
import type { DraftRun } from './draft-child.ts';
import { BENCH_START } from './seed.ts';

const [url = '', idText = '1', runsText = '3'] = process.argv.slice(2);
const opened = await openPostgres(url, { maxConnections: 4 });
const store = createPostgresStore(opened.db);
const incidentId = Number(idText);
const deps = { store, timeZone: 'Europe/Berlin', clock: { now: () => BENCH_START + 86_400_000 } };
// The same rows and columns the draft reads (everything a RecordedMessage holds).
const READ_ROWS = `select channel_id, ts, thread_ts, posted_at, user_id, bot_id, bot_name, is_bot,
  subtype, text, edited_at, deleted_at, alert_state, alert_title, alert_source, alert_name,
  alert_severity, alert_fired_at from messages where incident_id = $1
  order by posted_at, ts collate "C"`;

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const value = work();
  return [value, performance.now() - start];
};
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
  const [, readMs] = await timedAsync(() => opened.pool.query(READ_ROWS, [incidentId]));
  result.compose.push(composeMs);
  result.render.push(renderMs);
  result.read.push(readMs);
  result.markdownBytes = Buffer.byteLength(markdown);
  result.timelineEntries = draft.timeline.length;
}
result.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await opened.close();
process.send?.(result);
process.disconnect?.();
