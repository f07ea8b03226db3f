// Draft generation: compose + render Markdown for incidents of 1k to 100k messages, against
// just reading the same rows; each size measured in a fresh process for a clean peak RSS.

import { join } from 'node:path';
import { openDatabase } from '../src/store/db.ts';
import type { DraftEngine, DraftRun } from './draft-child.ts';
import { seedIncident } from './seed.ts';
import { ms, say, startChild, table, tempDir } from './shared.ts';

export interface DraftResult extends DraftRun {
  messages: number;
}

const EMPTY = { markdownBytes: 0, keyEvents: 0, rssBeforeMb: 0, peakRssMb: 0 };

export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** Seeds one database with an incident per size, then measures each size in its own process. */
export async function measureDrafts(sizes: number[], runs = 3): Promise<DraftResult[]> {
  const dir = tempDir('scribe-bench-draft-');
  try {
    const dbPath = join(dir.path, 'draft.db');
    const database = openDatabase(dbPath);
    const ids = sizes.map((messages, i) =>
      seedIncident(database.db, { channelId: `CDRAFT${i}`, messages, resolved: true }),
    );
    database.close();
    const results: DraftResult[] = [];
    for (const [i, messages] of sizes.entries()) {
      results.push(await measureInChildren('sqlite', [dbPath, String(ids[i])], messages, runs));
    }
    return results;
  } finally {
    dir.remove();
  }
}

/**
 * `runs` drafts of one incident, one per process: each run is cold (as a bot's first draft is),
 * its RSS its own (bench/draft-child.ts, on `engine`).
 */
export async function measureInChildren(
  engine: DraftEngine,
  args: [database: string, incidentId: string],
  messages: number,
  runs: number,
): Promise<DraftResult> {
  const result: DraftResult = { ...EMPTY, messages, read: [], compose: [] };
  for (let run = 0; run < runs; run++) {
    const child = await startChild<DraftRun>('draft-child.ts', [engine, ...args, '1']);
    await child.stop();
    const r = child.ready;
    result.read.push(...r.read);
    result.compose.push(...r.compose);
    result.markdownBytes = r.markdownBytes;
    result.keyEvents = r.keyEvents;
    result.rssBeforeMb = Math.max(result.rssBeforeMb, r.rssBeforeMb);
    result.peakRssMb = Math.max(result.peakRssMb, r.peakRssMb);
  }
  return result;
}

export async function benchDraft(quick: boolean): Promise<void> {
  say("## Draft generation (the draft worker's pass: compose and render Markdown, in-process)");
  const results = await measureDrafts(quick ? [1_000, 10_000] : [1_000, 10_000, 50_000, 100_000]);
  const rows = results.map((r) => {
    const total = median(r.compose);
    const worst = Math.max(...r.compose);
    return [
      r.messages.toLocaleString('en'),
      ms(median(r.read)),
      ms(total),
      ms(worst),
      `${(total / median(r.read)).toFixed(1)}×`,
      `${(r.markdownBytes / 1024 / 1024).toFixed(1)} MB`,
      `${r.rssBeforeMb} → ${r.peakRssMb} MB`,
    ];
  });
  say(
    table(
      [
        'messages',
        'read rows',
        'draft + Markdown (median)',
        'total (worst)',
        'total / read',
        'markdown',
        'RSS → peak',
      ],
      rows,
    ),
  );
  const big = results.find((r) => r.messages === 50_000);
  if (big) {
    const total = median(big.compose);
    say(`target 50k < 1000 ms: ${total < 1000 ? 'met' : 'MISSED'} (${ms(total)})`);
    say(
      `target peak RSS < 200 MB: ${big.peakRssMb < 200 ? 'met' : 'MISSED'} (${big.peakRssMb} MB)`,
    );
  }
  say();
}
