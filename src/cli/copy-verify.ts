import type { Clock } from '../clock.ts';
import { composeDraft } from '../usecases/compose-draft.ts';
import type { Store } from '../usecases/store-port.ts';
import { countRows, type OpenedEnd } from './copy-ends.ts';
import { renderDraft } from './export.ts';

export interface TableCount {
  name: string;
  source: number;
  target: number;
}

export interface Verification {
  counts: TableCount[];
  incidents: number;
  /** Incidents whose JSON export differs between the two sides. */
  differing: number[];
}

/**
 * Counts every copied table on both sides, then renders the JSON export (the one
 * `scribe export --format json` writes) of every incident on both sides and compares them. Both
 * sides render as of the same instant, so only what is stored can make them differ.
 */
export async function verifyCopy(
  source: OpenedEnd,
  target: OpenedEnd,
  clock: Clock,
): Promise<Verification> {
  const [sourceCounts, targetCounts] = [
    await countRows(source.db, source.plan),
    await countRows(target.db, target.plan),
  ];
  const counts = source.plan.map(({ name }, i) => ({
    name,
    source: sourceCounts[i] ?? 0,
    target: targetCounts[i] ?? 0,
  }));
  const at = clock.now();
  const fixed: Clock = { now: () => at };
  const ids = await incidentIds(source);
  const differing: number[] = [];
  // One incident at a time (a long one is megabytes of JSON on each side).
  for (const id of ids) {
    const [before, after] = [
      await exportJson(source.store, id, fixed),
      await exportJson(target.store, id, fixed),
    ];
    if (before !== after) differing.push(id);
  }
  return { counts, incidents: ids.length, differing };
}

async function incidentIds(end: OpenedEnd): Promise<number[]> {
  const incidents = end.plan.find((t) => t.name === 'incidents');
  const id = incidents?.key[0];
  if (incidents === undefined || id === undefined) return [];
  const rows = await end.db.select({ id }).from(incidents.table).orderBy(id);
  return rows.map((row) => Number(row.id));
}

async function exportJson(store: Store, id: number, clock: Clock): Promise<string | null> {
  const draft = await composeDraft({ store, timeZone: 'UTC', clock }, id);
  const incident = draft && (await store.incidents.get(id));
  if (draft === null || incident === null) return null;
  return renderDraft(draft, 'json', { incidentId: id, channelId: incident.channelId }, false);
}

/** What went wrong, one problem a line; empty when the copy matches its source. */
export function problemsOf(verification: Verification): string[] {
  const problems = verification.counts
    .filter((c) => c.source !== c.target)
    .map((c) => `${c.name}: ${c.source} rows in the source, ${c.target} in the target`);
  if (verification.differing.length > 0) {
    const shown = verification.differing.slice(0, 10).join(', ');
    const more = verification.differing.length > 10 ? ' …' : '';
    problems.push(`the JSON export differs for incident(s) ${shown}${more}`);
  }
  return problems;
}

/** The per-table summary printed after a copy. */
export function summaryLines(verification: Verification): string[] {
  const width = Math.max(...verification.counts.map((c) => c.name.length));
  return verification.counts.map(
    (c) =>
      `  ${c.name.padEnd(width)}  ${String(c.target).padStart(9)}` +
      (c.source === c.target ? '' : `  (source: ${c.source})`),
  );
}
